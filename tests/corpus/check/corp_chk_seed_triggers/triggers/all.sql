create trigger genes_updated_at before update on genes
  for each row execute procedure set_updated_at();
CREATE TRIGGER gene_evidence_updated_at BEFORE UPDATE ON gene_evidence
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
