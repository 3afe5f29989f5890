create view combined_evidence_scores as
with per_source as (
    select gene_id, approved_symbol, source_name, max(normalized_score) as source_score
    from evidence_normalized_scores
    group by gene_id, approved_symbol, source_name
),
weighted as (
    select
        ps.gene_id,
        ps.approved_symbol,
        ps.source_name,
        coalesce(ecw.classification_weight, ps.source_score) as source_score
    from per_source ps
    left join evidence_classification_weights ecw
        on ecw.gene_id = ps.gene_id and ecw.source_name = ps.source_name
)
select
    gene_id,
    approved_symbol,
    count(*) as source_count,
    round(sum(source_score), 4) as raw_score,
    round(100 * avg(source_score), 2) as percentage_score,
    jsonb_object_agg(source_name, round(source_score, 4)) as source_scores
from weighted
group by gene_id, approved_symbol;
