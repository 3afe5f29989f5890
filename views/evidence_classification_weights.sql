create view evidence_classification_weights as
with classifications as (
    select
        ge.gene_id,
        ge.source_name,
        lower(c.value ->> 'classification') as classification
    from gene_evidence ge
    cross join lateral jsonb_array_elements(coalesce(ge.evidence_data -> 'classifications', '[]'::jsonb)) as c(value)
    where ge.source_name in ('ClinGen', 'GenCC')
)
select
    gene_id,
    source_name,
    max(
        case classification
            when 'definitive' then 1.0
            when 'strong' then 0.8
            when 'moderate' then 0.6
            when 'supportive' then 0.5
            when 'limited' then 0.3
            when 'disputed' then 0.1
            else 0.0
        end
    ) as classification_weight,
    count(*) as classification_count
from classifications
group by gene_id, source_name;

comment on view evidence_classification_weights is 'ClinGen and GenCC classifications turned into a 0..1 weight; the strongest classification wins.';
