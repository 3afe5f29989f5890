//! The ER diagram of the review page as inline SVG: one box per table (its name, then its key
//! columns) laid out in a grid in the diagram's (deterministic) order, and one arrow per foreign
//! key from the referencing box to the referenced one. No Graphviz needed: the machine that
//! renders the page may have nothing but a browser.

use std::collections::{BTreeMap, BTreeSet};

use super::escape;
use crate::diff::{Change, ObjectKind};
use crate::erd::{label, Attr, Diagram, Edge, Selection};
use crate::model::{QualifiedName, Schema};

const BOX_W: f64 = 210.0;
const HEAD_H: f64 = 26.0;
const ROW_H: f64 = 18.0;
const GAP_X: f64 = 50.0;
const GAP_Y: f64 = 50.0;
const MARGIN: f64 = 20.0;
/// Characters of a column line that fit in a box; longer lines are cut with `…`.
const FIT: usize = 29;

/// Where a table's box is.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Where the ray from the center towards (dx, dy) leaves the box.
    fn border_towards(&self, dx: f64, dy: f64) -> (f64, f64) {
        let (cx, cy) = self.center();
        let sx = if dx == 0.0 {
            f64::INFINITY
        } else {
            (self.w / 2.0) / dx.abs()
        };
        let sy = if dy == 0.0 {
            f64::INFINITY
        } else {
            (self.h / 2.0) / dy.abs()
        };
        let t = sx.min(sy);
        (cx + dx * t, cy + dy * t)
    }
}

fn box_height(attrs: &[Attr]) -> f64 {
    HEAD_H + ROW_H * attrs.len().max(1) as f64 + 6.0
}

/// Boxes in a grid of about √n columns, each grid row as tall as its tallest box.
fn layout(d: &Diagram) -> (BTreeMap<&QualifiedName, Rect>, f64, f64) {
    let n = d.tables.len();
    let cols = ((n as f64).sqrt().ceil() as usize).clamp(1, 4);
    let mut rects = BTreeMap::new();
    let mut y = MARGIN;
    let entries: Vec<_> = d.tables.iter().collect();
    for row in entries.chunks(cols) {
        let tallest = row.iter().map(|(_, a)| box_height(a)).fold(0.0, f64::max);
        for (i, (q, attrs)) in row.iter().enumerate() {
            let x = MARGIN + i as f64 * (BOX_W + GAP_X);
            rects.insert(
                *q,
                Rect {
                    x,
                    y,
                    w: BOX_W,
                    h: box_height(attrs),
                },
            );
        }
        y += tallest + GAP_Y;
    }
    let width = MARGIN * 2.0 + cols.min(n.max(1)) as f64 * (BOX_W + GAP_X) - GAP_X;
    (rects, width, y - GAP_Y + MARGIN)
}

fn fit(text: &str) -> String {
    if text.chars().count() <= FIT {
        text.to_string()
    } else {
        let cut: String = text.chars().take(FIT - 1).collect();
        format!("{cut}…")
    }
}

fn column_line(a: &Attr) -> String {
    let mut marks = Vec::new();
    if a.pk {
        marks.push("PK");
    }
    if a.fk {
        marks.push("FK");
    }
    let marks = if marks.is_empty() {
        String::new()
    } else {
        format!(" [{}]", marks.join(","))
    };
    fit(&format!("{} {}{}", a.name, a.data_type, marks))
}

fn table_box(out: &mut String, q: &QualifiedName, attrs: &[Attr], r: &Rect, hot: bool) {
    let class = if hot { "tbl hot" } else { "tbl" };
    out.push_str(&format!(
        "<g class=\"{class}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\"/>\
<rect class=\"head\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{HEAD_H}\" rx=\"5\"/>\
<text class=\"name\" x=\"{}\" y=\"{}\">{}</text>",
        escape(&label(q)),
        r.x, r.y, r.w, r.h, r.x, r.y, r.w,
        r.x + 10.0,
        r.y + 18.0,
        escape(&fit(&label(q)))
    ));
    for (i, a) in attrs.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{}</text>",
            r.x + 10.0,
            r.y + HEAD_H + ROW_H * (i as f64 + 0.85),
            escape(&column_line(a))
        ));
    }
    out.push_str("</g>\n");
}

/// An arrow from `from` to `to`, or a loop on the right side for a self-reference.
fn edge(out: &mut String, from: &Rect, to: &Rect, title: &str) {
    let path = if from.x == to.x && from.y == to.y {
        let (x, y) = (from.x + from.w, from.y + HEAD_H / 2.0);
        format!("M{x},{y} c40,0 40,30 0,30")
    } else {
        let ((fx, fy), (tx, ty)) = (from.center(), to.center());
        let (sx, sy) = from.border_towards(tx - fx, ty - fy);
        let (ex, ey) = to.border_towards(fx - tx, fy - ty);
        format!("M{sx:.1},{sy:.1} L{ex:.1},{ey:.1}")
    };
    out.push_str(&format!(
        "<path class=\"fk\" d=\"{path}\" marker-end=\"url(#arrow)\"><title>{}</title></path>\n",
        escape(title)
    ));
}

/// The diagram as one `<svg>` element; tables in `hot` are the ones the drift touches.
pub fn render(d: &Diagram, hot: &BTreeSet<QualifiedName>) -> String {
    let (rects, width, height) = layout(d);
    let mut out = format!(
        "<svg class=\"erd\" width=\"{width:.0}\" height=\"{height:.0}\" \
viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"tables and foreign keys\">\n\
<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" \
orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n"
    );
    for e in &d.edges {
        if let (Some(f), Some(t)) = (rects.get(&e.from), rects.get(&e.to)) {
            let title = format!("{} → {} ({})", label(&e.from), label(&e.to), e.name);
            edge(&mut out, f, t, &title);
        }
    }
    for (q, attrs) in &d.tables {
        if let Some(r) = rects.get(q) {
            table_box(&mut out, q, attrs, r, hot.contains(q));
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The style of [`render`]'s classes, for an SVG file of its own (the review page has them in its
/// stylesheet): the same rules, with the page's colour variables spelled out.
const STANDALONE_STYLE: &str = "svg.erd { background: #ffffff; }
svg.erd text { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; fill: #1f2328; }
svg.erd .tbl rect { fill: #ffffff; stroke: #8c959f; }
svg.erd .tbl rect.head { fill: #eaeef2; }
svg.erd text.name { font-weight: 700; }
svg.erd path.fk { stroke: #57606a; stroke-width: 1.3; fill: none; }
svg.erd marker path { fill: #57606a; }";

/// The diagram as a standalone SVG file (`pgdrift erd --format svg`): an XML declaration, the
/// SVG namespace and its own style, so any browser or image viewer shows it as the page does.
pub fn standalone(d: &Diagram) -> String {
    let body = render(d, &BTreeSet::new());
    let body = body.replacen(
        "<svg class=\"erd\"",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"erd\"",
        1,
    );
    let body = body.replacen(
        "<defs>",
        &format!("<style>\n{STANDALONE_STYLE}\n</style>\n<defs>"),
        1,
    );
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}")
}

/// More tables than this and only the affected ones are drawn, without their neighbours.
const CROWDED: usize = 24;

/// The diagram of the tables the drift touches (`hot`) and their foreign-key neighbours: the
/// declared schema's tables, plus those only the live one has (extra tables are drift too).
pub fn affected(
    declared: &Schema,
    live: &Schema,
    changes: &[Change],
) -> (Diagram, BTreeSet<QualifiedName>) {
    let hot: BTreeSet<QualifiedName> = changes
        .iter()
        .filter_map(|c| match (&c.object.table, c.object.kind) {
            (Some(t), _) => Some(t.clone()),
            (None, ObjectKind::Table) => c.object.qualified.clone(),
            _ => None,
        })
        .collect();
    let mut d = Diagram::of(declared, &Selection::default());
    let extra = Diagram::of(live, &Selection::default());
    for (q, attrs) in extra.tables {
        if !d.tables.contains_key(&q) {
            d.edges
                .extend(extra.edges.iter().filter(|e| e.from == q).cloned());
            d.tables.insert(q, attrs);
        }
    }
    let touches = |e: &Edge| hot.contains(&e.from) || hot.contains(&e.to);
    let mut keep: BTreeSet<QualifiedName> = hot.clone();
    keep.extend(
        d.edges
            .iter()
            .filter(|e| touches(e))
            .flat_map(|e| [e.from.clone(), e.to.clone()]),
    );
    if keep.len() > CROWDED {
        keep = hot.clone();
    }
    d.tables.retain(|q, _| keep.contains(q));
    d.edges
        .retain(|e| keep.contains(&e.from) && keep.contains(&e.to));
    d.edges
        .sort_by(|a, b| (&a.from, &a.to, &a.name).cmp(&(&b.from, &b.to, &b.name)));
    d.edges.dedup();
    (d, hot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_leave_and_enter_at_the_borders() {
        let a = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        assert_eq!(a.border_towards(1.0, 0.0), (100.0, 25.0));
        assert_eq!(a.border_towards(0.0, -1.0), (50.0, 0.0));
        let (x, y) = a.border_towards(100.0, 100.0);
        assert_eq!((x, y), (75.0, 50.0));
    }

    #[test]
    fn long_lines_are_cut() {
        assert_eq!(fit("short"), "short");
        let long = "x".repeat(40);
        assert_eq!(fit(&long).chars().count(), FIT);
        assert!(fit(&long).ends_with('…'));
    }
}
