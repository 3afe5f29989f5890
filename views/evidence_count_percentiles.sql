create view evidence_count_percentiles as
select
    esc.evidence_id,
    esc.gene_id,
    esc.approved_symbol,
    esc.source_name,
    esc.source_count,
    percent_rank() over (partition by esc.source_name order by esc.source_count) as percentile_score,
    ntile(10) over (partition by esc.source_name order by esc.source_count) as decile
from evidence_source_counts esc;
