//! "Did you mean": the closest known name to a misspelled one (categories, ignore kinds, types),
//! when it is close enough to be a typo rather than another word.

/// Edit distance in characters, a swap of two neighbours counting as one edit (optimal string
/// alignment): `tabel` is one edit from `table`, as people mistype it.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `given` (ignoring case), if within a third of its length (at least
/// one edit): `intger` finds `integer`, `email` does not find `real`. Ties go to the first.
pub fn closest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = given.trim().to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), c))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= 1.max(lower.chars().count() / 3))
        .map(|(_, c)| c)
}

/// ` (did you mean `x`?)`, or nothing when no candidate is close.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(given, candidates)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_found_and_other_words_are_not() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("tabel", "table"), 1);
        let names = ["foreign_key", "table", "timezone", "type"];
        assert_eq!(closest("foriegn_key", names), Some("foreign_key"));
        assert_eq!(closest("tabel", names), Some("table"));
        assert_eq!(closest("TIMEZONE", names), Some("timezone"));
        assert_eq!(closest("owner", names), None);
        assert_eq!(did_you_mean("tabel", names), " (did you mean `table`?)");
        assert_eq!(did_you_mean("zzz", names), "");
    }
}
