//! Mermaid `erDiagram`: renders in GitHub Markdown. Identifiers are sanitized (see [`Ids`]); the
//! exact name of anything renamed is kept in a `%%` comment (entities) or the attribute comment.

use super::{label, sanitize, Attr, Diagram, Edge, Ids};

pub fn render(d: &Diagram) -> String {
    let mut ids = Ids::default();
    let mut out = String::from("erDiagram\n");
    for (q, attrs) in &d.tables {
        let name = label(q);
        let id = ids.id(&name);
        if id != name {
            out.push_str(&format!("    %% {id}: {}\n", comment(&name)));
        }
        if attrs.is_empty() {
            out.push_str(&format!("    {id}\n"));
            continue;
        }
        out.push_str(&format!("    {id} {{\n"));
        for a in attrs {
            out.push_str(&format!("        {}\n", attribute(a)));
        }
        out.push_str("    }\n");
    }
    for vq in d.views.keys() {
        let name = label(vq);
        let id = ids.id(&name);
        out.push_str(&format!("    %% {id}: view {}\n", comment(&name)));
        out.push_str(&format!("    {id}\n"));
    }
    for e in &d.edges {
        out.push_str(&relationship(e, &mut ids));
    }
    for (vq, reads) in &d.views {
        let v = ids.id(&label(vq));
        for r in reads {
            let r = ids.id(&label(r));
            out.push_str(&format!("    {v} }}o..o{{ {r} : \"reads\"\n"));
        }
    }
    out
}

/// `bigint id PK, FK "exact name"`.
fn attribute(a: &Attr) -> String {
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
    let name = sanitize(&a.name);
    let mut s = format!("{} {name}", sanitize(&a.data_type));
    if !keys.is_empty() {
        s.push(' ');
        s.push_str(&keys.join(", "));
    }
    let mut notes = Vec::new();
    if name != a.name {
        notes.push(one_line(&a.name));
    }
    if name != a.name || a.data_type.contains([' ', '(', '[']) {
        notes.push(one_line(&a.data_type));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" \"{}\"", notes.join(": ")));
    }
    s
}

/// `parent ||--o{ child : "fk_name"`: the parent side is `||` when every row has one, `|o` when
/// the key may be NULL; the child side `o{` (many) or `o|` (one-to-one).
fn relationship(e: &Edge, ids: &mut Ids) -> String {
    let parent = ids.id(&label(&e.to));
    let child = ids.id(&label(&e.from));
    let left = if e.required { "||" } else { "|o" };
    let right = if e.one_to_one { "o|" } else { "o{" };
    format!(
        "    {parent} {left}--{right} {child} : \"{}\"\n",
        one_line(&e.name)
    )
}

/// Text of a `%%` comment line: anything but a line break.
fn comment(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Text inside a Mermaid double-quoted string: no double quotes, no newlines.
fn one_line(text: &str) -> String {
    text.replace('"', "'").replace(['\n', '\r'], " ")
}
