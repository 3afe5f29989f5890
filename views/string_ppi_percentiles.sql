create view string_ppi_percentiles as
with ppi as (
    select
        ge.gene_id,
        g.approved_symbol,
        (ge.evidence_data ->> 'ppi_score')::numeric as ppi_score,
        coalesce((ge.evidence_data ->> 'interaction_count')::integer, 0) as interaction_count
    from gene_evidence ge
    join genes g on g.id = ge.gene_id
    where ge.source_name = 'STRING_PPI'
      and ge.evidence_data ->> 'ppi_score' is not null
)
select
    gene_id,
    approved_symbol,
    ppi_score,
    interaction_count,
    percent_rank() over (order by ppi_score) as percentile_rank
from ppi;

comment on view string_ppi_percentiles is 'STRING protein-protein interaction scores ranked against all genes with STRING evidence.';
