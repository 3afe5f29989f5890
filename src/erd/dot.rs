//! Graphviz DOT: one HTML-like table per table (key columns marked), an edge per foreign key
//! from the referencing table to the referenced one, dashed edges from views to what they read.
//! Node ids are the exact names, quoted; every label is escaped.

use super::{label, Diagram};

pub fn render(d: &Diagram) -> String {
    let mut out = String::from(
        "digraph erd {\n    rankdir=LR;\n    node [shape=plaintext, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for (q, attrs) in &d.tables {
        let mut rows = format!(
            "<tr><td bgcolor=\"lightgrey\"><b>{}</b></td></tr>",
            html(&label(q))
        );
        for a in attrs {
            let mut keys = Vec::new();
            if a.pk {
                keys.push("PK");
            }
            if a.fk {
                keys.push("FK");
            }
            if a.unique && !a.pk {
                keys.push("UK");
            }
            let keys = if keys.is_empty() {
                String::new()
            } else {
                format!(" [{}]", keys.join(","))
            };
            rows.push_str(&format!(
                "<tr><td align=\"left\">{} : {}{keys}</td></tr>",
                html(&a.name),
                html(&a.data_type)
            ));
        }
        out.push_str(&format!(
            "    {} [label=<<table border=\"1\" cellborder=\"0\" cellspacing=\"0\">{rows}</table>>];\n",
            quoted(&label(q))
        ));
    }
    for vq in d.views.keys() {
        out.push_str(&format!(
            "    {} [shape=box, style=rounded, label={}];\n",
            quoted(&label(vq)),
            quoted(&format!("view {}", label(vq)))
        ));
    }
    for e in &d.edges {
        out.push_str(&format!(
            "    {} -> {} [label={}{}];\n",
            quoted(&label(&e.from)),
            quoted(&label(&e.to)),
            quoted(&e.name),
            if e.required { "" } else { ", style=dashed" }
        ));
    }
    for (vq, reads) in &d.views {
        for r in reads {
            out.push_str(&format!(
                "    {} -> {} [style=dotted, arrowhead=empty];\n",
                quoted(&label(vq)),
                quoted(&label(r))
            ));
        }
    }
    out.push_str("}\n");
    out
}

/// A DOT double-quoted string.
fn quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// Text inside an HTML-like label.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
