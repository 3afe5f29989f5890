create view evidence_normalized_scores as
with source_max as (
    select source_name, max(source_count) as max_count
    from evidence_source_counts
    group by source_name
)
select
    esc.evidence_id,
    esc.gene_id,
    esc.approved_symbol,
    esc.source_name,
    esc.source_count,
    case
        when sm.max_count > 0
            then round(ln(1 + esc.source_count)::numeric / ln(1 + sm.max_count)::numeric, 4)
        else 0
    end as normalized_score
from evidence_source_counts esc
join source_max sm on sm.source_name = esc.source_name;
