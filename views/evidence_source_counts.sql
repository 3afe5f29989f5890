create view evidence_source_counts as
select
    ge.id as evidence_id,
    ge.gene_id,
    g.approved_symbol,
    ge.source_name,
    case ge.source_name
        when 'PanelApp' then coalesce(jsonb_array_length(ge.evidence_data -> 'panels'), 0)
        when 'HPO' then coalesce(jsonb_array_length(ge.evidence_data -> 'hpo_terms'), 0)
        when 'PubTator' then coalesce((ge.evidence_data ->> 'publication_count')::integer, 0)
        when 'ClinGen' then coalesce(jsonb_array_length(ge.evidence_data -> 'classifications'), 0)
        when 'GenCC' then coalesce(jsonb_array_length(ge.evidence_data -> 'submissions'), 0)
        else 1
    end as source_count
from gene_evidence ge
join genes g on g.id = ge.gene_id
where ge.source_name <> 'STRING_PPI';

comment on view evidence_source_counts is 'How much evidence each gene_evidence row carries, counted the way its source counts (panels, HPO terms, publications, ...).';
