create materialized view gene_scores as
select
    g.id as gene_id,
    g.hgnc_id,
    g.approved_symbol,
    coalesce(ces.source_count, 0) as source_count,
    coalesce(ces.raw_score, 0) as raw_score,
    coalesce(ces.percentage_score, 0) as percentage_score,
    coalesce(ces.source_scores, '{}'::jsonb) as source_scores,
    case
        when ces.percentage_score >= 80 then 'comprehensive_support'
        when ces.percentage_score >= 50 then 'multi_source_support'
        when ces.percentage_score >= 30 then 'established_support'
        when ces.percentage_score > 0 then 'preliminary_evidence'
        else 'no_evidence'
    end as evidence_tier
from genes g
left join combined_evidence_scores ces on ces.gene_id = g.id
where g.is_active;

comment on materialized view gene_scores is 'Per-gene evidence score; refreshed after every pipeline run (REFRESH MATERIALIZED VIEW CONCURRENTLY needs the unique index).';

create unique index ix_gene_scores_gene_id on gene_scores (gene_id);

create index ix_gene_scores_percentage_score on gene_scores (percentage_score desc);
