create view evidence_summary_view as
select
    g.id as gene_id,
    g.hgnc_id,
    g.approved_symbol,
    count(ge.id) as evidence_count,
    count(distinct ge.source_name) as source_count,
    array_agg(distinct ge.source_name order by ge.source_name) filter (where ge.source_name is not null) as sources,
    max(ge.updated_at) as last_evidence_at
from genes g
left join gene_evidence ge on ge.gene_id = g.id
group by g.id, g.hgnc_id, g.approved_symbol;
