//! The review page (`--html FILE`): one self-contained HTML file — no network, no
//! external scripts or styles, one inline script — for a person checking what was
//! removed.
//!
//! Each document shows its input text with every removed span struck through in place
//! (`<del class="rm k-KIND" data-kind="KIND">`), coloured by kind, with a link (`↪`) to
//! the copy that was kept (a `⟦kept⟧` mark at its start); a document dropped as a
//! duplicate is struck through whole, linked to the kept document. A legend gives the
//! colours and the count of removals of each kind, with a checkbox per kind that
//! filters: unticking a kind shows its spans as plain text and hides the documents
//! that have nothing else. A batch gets an index of its documents sorted by
//! `dup_ratio`, worst first (dropped documents count as 1.0).
//!
//! Offsets are the report's `byte_range` / `kept_byte_range` into the decoded input.

use super::sink::{DocEvent, Printer, RunEnd};
use crate::output::AtomicFile;
use crate::report::{DocReport, KindCounts, Summary};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Documents shown at most on one page (the worst by `dup_ratio`); the rest are
/// counted in a note.
pub const MAX_DOCS: usize = 2000;

/// One document on the page: its final report and its decoded input text.
#[derive(Debug, Clone)]
pub struct Page {
    /// The document's report (removals, drop).
    pub report: DocReport,
    /// The decoded input that the report's offsets refer to.
    pub text: String,
    /// Its index in the run's report.
    pub index: usize,
}

/// The colour of each kind (background of its struck-through spans).
const KINDS: [(&str, &str); 9] = [
    ("block", "#f4a6a6"),
    ("paragraph", "#f7c68f"),
    ("sentence", "#f2e394"),
    ("near_paragraph", "#b8e0a8"),
    ("inline_block", "#a8d8e8"),
    ("stitch", "#c3b5ee"),
    ("boilerplate", "#d9d9d9"),
    ("cross_document", "#e8b5d8"),
    ("dropped", "#ee9999"),
];

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn share(p: &Page) -> f64 {
    if p.report.dropped.is_some() {
        1.0
    } else {
        p.report.dup_ratio
    }
}

/// Whether a document has anything to show (a removal, or it was dropped).
pub fn worth_showing(d: &DocReport) -> bool {
    !d.removed.is_empty() || d.dropped.is_some()
}

/// Keep the worst [`MAX_DOCS`] of `pages` (by `dup_ratio`, dropped first), in input
/// order. For collecting as a batch goes: call when `pages` has grown past twice the
/// limit, and once at the end.
pub fn keep_worst(pages: &mut Vec<Page>) {
    if pages.len() <= MAX_DOCS {
        return;
    }
    pages.sort_by(|a, b| share(b).total_cmp(&share(a)).then(a.index.cmp(&b.index)));
    pages.truncate(MAX_DOCS);
    pages.sort_by_key(|p| p.index);
}

fn kinds_of(d: &DocReport) -> KindCounts {
    let mut k = d.kind_counts();
    if d.dropped.is_some() {
        k.add_named("dropped", 1);
    }
    k
}

/// The text of one document with its removals struck through and the kept copies
/// marked. Ranges that do not fall on character boundaries of `text` (which a report
/// of this text never has) are shown unmarked rather than cut.
fn body(p: &Page, anchors: &BTreeMap<usize, String>) -> String {
    let d = &p.report;
    let text = &p.text;
    let id = p.index;
    if let Some(drop) = &d.dropped {
        let to = drop.duplicate_of.document;
        let link = match anchors.get(&to) {
            Some(a) => format!(
                " <a class=\"to-kept\" href=\"#{a}\">↪ kept: {}</a>",
                esc(&drop.duplicate_of.name())
            ),
            None => format!(
                " <span class=\"to-kept\">kept: {}</span>",
                esc(&drop.duplicate_of.name())
            ),
        };
        return format!(
            "<del class=\"rm k-dropped\" data-kind=\"dropped\" title=\"dropped: duplicate of {} (similarity {:.3})\">{}</del>{link}",
            esc(&drop.duplicate_of.name()),
            drop.similarity,
            esc(text)
        );
    }
    // events at byte offsets: kept-copy marks, then removal starts/ends
    let ok = |a: usize, b: usize| {
        a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    };
    let mut kept_marks: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, r) in d.removed.iter().enumerate() {
        let [a, b] = r.kept_byte_range;
        if b > a && ok(a, b) {
            kept_marks.entry(a).or_default().push(i);
        }
    }
    let mut out = String::new();
    let mut at = 0;
    let mut removals: Vec<(usize, &crate::report::Removal)> =
        d.removed.iter().enumerate().collect();
    removals.sort_by_key(|(_, r)| r.byte_range[0]);
    let push_plain = |out: &mut String, from: usize, to: usize| {
        // plain text with the kept marks that fall inside it
        let mut pos = from;
        for (&m, idx) in kept_marks.range(from..to) {
            out.push_str(&esc(&text[pos..m]));
            for i in idx {
                let _ = write!(out, "<a class=\"kept\" id=\"d{id}-k{i}\" title=\"kept copy of removal {i}\">⟦kept⟧</a>");
            }
            pos = m;
        }
        out.push_str(&esc(&text[pos..to]));
    };
    for (i, r) in removals {
        let [a, b] = r.byte_range;
        if !ok(a, b) || a < at {
            continue; // overlapping or foreign range: left unmarked
        }
        push_plain(&mut out, at, a);
        let kind = r.kind.as_str();
        let kept = r.kept_byte_range[1] > r.kept_byte_range[0];
        let _ = write!(
            out,
            "<del class=\"rm k-{kind}\" data-kind=\"{kind}\" id=\"d{id}-r{i}\" title=\"{kind} ({}): lines {}–{}{}\">{}</del>",
            r.evidence.as_str(),
            r.lines[0],
            r.lines[1],
            if kept { format!(", kept at lines {}–{}", r.kept[0], r.kept[1]) } else { String::new() },
            esc(&text[a..b])
        );
        if kept {
            let _ = write!(
                out,
                "<a class=\"to-kept\" href=\"#d{id}-k{i}\" title=\"go to the kept copy\">↪</a>"
            );
        }
        at = b;
    }
    push_plain(&mut out, at, text.len());
    out
}

const STYLE: &str = r#"
body{font:15px/1.6 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin:0}
table{border-collapse:collapse}td,th{padding:.15em .6em;border-bottom:1px solid #ddd;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend label{display:inline-block;margin:0 1em .3em 0;cursor:pointer}
.sw{display:inline-block;width:1em;height:1em;vertical-align:middle;border-radius:2px}
section.doc{border:1px solid #ccc;border-radius:6px;margin:1.2em 0;padding:.6em 1em}
section.doc .meta{color:#555;font-size:.9em}
.text{white-space:pre-wrap;word-break:break-word;font-size:14px;line-height:1.7;margin:.5em 0 0}
del.rm{text-decoration:line-through;text-decoration-thickness:2px}
a.kept{font-size:.75em;color:#060;text-decoration:none;background:#dfd;border-radius:3px;padding:0 .2em}
a.to-kept,span.to-kept{font-size:.85em;margin-left:.2em}
.hidden{display:none}
"#;

const SCRIPT: &str = r#"
(function(){
  var boxes=document.querySelectorAll('.legend input[data-kind]');
  function apply(){
    var on={};
    boxes.forEach(function(b){on[b.dataset.kind]=b.checked;
      document.body.classList.toggle('off-'+b.dataset.kind,!b.checked);});
    document.querySelectorAll('[data-kinds]').forEach(function(el){
      var ks=el.dataset.kinds.split(' ');
      el.classList.toggle('hidden',!ks.some(function(k){return on[k];}));
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
})();
"#;

/// The page for a run: its summary, the documents to show (input order; the index
/// sorts them), and how many documents of the run are not shown (nothing removed, or
/// beyond [`MAX_DOCS`]).
pub fn render(summary: &Summary, pages: &[Page], not_shown: usize) -> String {
    let mut counts = KindCounts::default();
    for p in pages {
        counts += &kinds_of(&p.report);
    }
    let anchors: BTreeMap<usize, String> = pages
        .iter()
        .map(|p| (p.index, format!("d{}", p.index)))
        .collect();
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<title>zhclean review</title>\n<style>");
    o.push_str(STYLE);
    for (k, colour) in KINDS {
        let _ = write!(o, "del.k-{k}{{background:{colour}}}.sw.k-{k}{{background:{colour}}}body.off-{k} del.k-{k}{{background:none;text-decoration:none}}");
    }
    o.push_str("\n</style>\n</head>\n<body>\n<h1>zhclean review</h1>\n");
    let _ = writeln!(
        o,
        "<p class=\"summary\">{} document{}: {} of {} characters removed ({:.2}%). {} shown below{}.</p>",
        summary.documents,
        if summary.documents == 1 { "" } else { "s" },
        summary.chars_removed,
        summary.chars_in,
        summary.dup_ratio * 100.0,
        pages.len(),
        if not_shown > 0 {
            format!("; {not_shown} not shown (nothing removed, or past the {MAX_DOCS} worst)")
        } else {
            String::new()
        }
    );
    o.push_str("<div class=\"legend\"><strong>Kinds</strong> (untick to filter): ");
    for (k, _) in KINDS {
        let n = counts.get(k);
        if n == 0 {
            continue;
        }
        let _ = write!(
            o,
            "<label><input type=\"checkbox\" data-kind=\"{k}\" checked> <span class=\"sw k-{k}\"></span> {k} <span class=\"count\" data-count=\"{k}\">{n}</span></label>"
        );
    }
    o.push_str("<label>Struck through: removed. <a class=\"kept\">⟦kept⟧</a> marks where the surviving copy starts; ↪ jumps to it.</label></div>\n");
    if pages.len() > 1 {
        let mut order: Vec<&Page> = pages.iter().collect();
        order.sort_by(|a, b| share(b).total_cmp(&share(a)).then(a.index.cmp(&b.index)));
        o.push_str("<h2>Documents by dup_ratio</h2>\n<table class=\"index\"><tr><th>document</th><th>dup_ratio</th><th>removed chars</th><th>removals</th></tr>\n");
        for p in order {
            let k = kinds_of(&p.report);
            let names: Vec<&str> = k.iter().map(|(k, _)| k).collect();
            let _ = writeln!(
                o,
                "<tr data-kinds=\"{}\"><td><a href=\"#d{}\">{}</a></td><td class=\"n\">{:.3}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                names.join(" "),
                p.index,
                esc(&p.report.name()),
                share(p),
                if p.report.dropped.is_some() { p.report.chars_in } else { p.report.chars_removed },
                esc(&k.describe())
            );
        }
        o.push_str("</table>\n");
    }
    for p in pages {
        let k = kinds_of(&p.report);
        let names: Vec<&str> = k.iter().map(|(k, _)| k).collect();
        let _ = write!(
            o,
            "<section class=\"doc\" id=\"d{}\" data-kinds=\"{}\">\n<h2>{}</h2>\n<div class=\"meta\">dup_ratio {:.3}; removed {} of {} characters; {}</div>\n<div class=\"text\">",
            p.index,
            names.join(" "),
            esc(&p.report.name()),
            p.report.dup_ratio,
            p.report.chars_removed,
            p.report.chars_in,
            esc(&k.describe())
        );
        o.push_str(&body(p, &anchors));
        o.push_str("</div>\n</section>\n");
    }
    o.push_str("<script>");
    o.push_str(SCRIPT);
    o.push_str("</script>\n</body>\n</html>\n");
    o
}

/// `--html FILE` as a [`Printer`]: keeps the documents worth showing (their report
/// and text, at most about twice [`MAX_DOCS`] at a time, see [`keep_worst`]) and writes
/// the page, staged, at the end.
pub struct ReviewPage {
    path: std::path::PathBuf,
    pages: Vec<Page>,
}

impl ReviewPage {
    /// A review page for `path`.
    pub fn new(path: std::path::PathBuf) -> Self {
        ReviewPage {
            path,
            pages: Vec::new(),
        }
    }
}

impl Printer for ReviewPage {
    fn document(&mut self, d: &DocEvent<'_>) -> crate::Result<()> {
        if worth_showing(d.report) {
            self.pages.push(Page {
                report: d.report.clone(),
                text: d.text.to_string(),
                index: d.index,
            });
            if self.pages.len() > 2 * MAX_DOCS {
                keep_worst(&mut self.pages);
            }
        }
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd<'_>) -> crate::Result<Vec<AtomicFile>> {
        let mut pages = std::mem::take(&mut self.pages);
        keep_worst(&mut pages);
        let summary = &end.tail.summary;
        let page = render(summary, &pages, summary.documents - pages.len());
        crate::output::staged(&self.path, page.as_bytes()).map(|f| vec![f])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
