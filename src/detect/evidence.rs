//! What makes a copy a copy: the evidence model every detector answers to.
//!
//! zhclean removes copies and keeps everything else. Two units with the same (or
//! nearly the same) matching key are not yet a copy: records, lists, forms, Q&A,
//! code, verse and contracts repeat their lines by design, a summary or a caption
//! quotes its body, and two items of a list differ only in their number or name. A
//! removal therefore needs **structural evidence** that the text is a copy of the
//! article, not of a template, a list item or a refrain. The rules, in one place:
//!
//! 1. **Prose, not structure.** A repeated run of lines is removed only when prose
//!    makes up at least half of its key characters ([`run_is_prose_formed`]: lines of
//!    running text of at least `--min-paragraph-chars`, or numbered items, fields
//!    and questions of at least [`LONG_ITEM_CHARS`]) and it is not verse (every line
//!    under [`PROSE_MIN_CHARS`] key characters, some ending with a comma or nothing).
//!    Headings, fields (`交易价格：面议`), questions, numbered items and clauses
//!    (`1.`, `第八条`), bullets and code are structure: a run made mostly of them is
//!    the repeated part of records, a survey, a chorus or a program, and the item it
//!    belongs to has not repeated as a whole (its distinguishing line stayed
//!    behind), so it is kept. A lone line needs to be running text ([`form`]).
//! 2. **Near copies need a run or an append.** Two paragraphs that differ by edited
//!    characters are a copy only inside a run aligned with exact copies (the doubled
//!    article with edits: [`Evidence::DoubledArticle`], [`Evidence::Run`]). Alone, a
//!    near pair is a copy only when one is the other with a credit, `（完）` or whole
//!    sentences appended or dropped ([`appended_only_chars`], [`Evidence::Appended`]); a
//!    pair that differs in a number, a name, a 《title》 or an ordinal is two items
//!    (two laws, two cities' weather rows, two gift tiers).
//! 3. **A lone repeated unit stays.** A sentence, or a line, repeated away from its
//!    first copy is how leads quote bodies, speeches close on their opening line and
//!    contracts share a clause. Sentences go when they stutter (directly after their
//!    copy, [`Evidence::Stutter`], or a run of them, [`Evidence::Run`]), or when the
//!    paragraph around them is itself mostly a copy of one other paragraph
//!    ([`Evidence::ParagraphCopy`]); a lone line goes when it stutters or sits in the
//!    doubled-article shape (body, headline, body). A sentence carrying a photo
//!    credit is a caption ([`is_caption_sentence`]) and never goes.
//! 4. **Roles.** When the two copies play different roles ([`Role`]: heading,
//!    summary or bullet, lead, caption vs body), the summary is the author's: both
//!    stay. The one exception is a stutter (a lead line directly followed by the
//!    body that opens with the same sentences): the lead goes and the body's copy
//!    survives. The body's copy is never the one cut.
//!
//! The aligner (`super::align`, issue 16) proposes copies on the sentence sequence
//! whatever their line layout; these rules decide: both copies whole lines, prose
//! (rule 1), a run of units (rules 2, 3: three or more, or two with an exact one of
//! prose length, and never a short run or a one-line lead laid out again away from
//! its copy), the same role pair by pair except a line merged into another by the
//! reflow, and never a summary or caption against anything else (rule 4).
//!
//! Cost: every test here is linear in the length of the lines it looks at.

use serde::{Deserialize, Serialize};

mod caption;
mod form;

pub use caption::{
    caption_hint, caption_hint_in_key, is_caption_sentence, is_credit, is_key_hint_char,
    may_hint_in_key, opens_caption_mark, CAPTION_HINT_ANY, CAPTION_HINT_LINE, MAX_CREDIT_KEY_CHARS,
};
use caption::{marks, CAPTION_AC};
use form::form_trim;
pub(crate) use form::is_han;
pub use form::{form, is_code_line, shape, Form, Shape};

/// Why a removal is a copy: the structural evidence it rests on. Reported as
/// `"evidence"` on every removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A run of paragraphs with prose in it repeating an earlier run: the doubled
    /// article (three or more lines, or a body/headline/body shape), possibly with a
    /// few edited characters in aligned lines.
    DoubledArticle,
    /// A run of two or more repeated units in the same order as their earlier
    /// copies: two lines away from their copies, or sentences right after theirs.
    Run,
    /// A unit directly after its own copy, with nothing between (or a lead line
    /// directly followed by the body opening with it).
    Stutter,
    /// A near copy whose only difference is an appended or dropped credit, `（完）` or
    /// whole sentences.
    Appended,
    /// Sentences of a paragraph that is itself mostly a copy of one earlier paragraph.
    ParagraphCopy,
    /// A body doubled inside one line (`XX`, `X T X`, `X X'`), found by the suffix
    /// array of `inline_block`.
    DoubledLine,
    /// A line an earlier window of the same input already had (windowed inputs).
    EarlierWindow,
    /// Page furniture matched by a boilerplate rule (`--strip-boilerplate`) on a
    /// line or piece shaped like furniture; the report's `rule` names the rule.
    Rule,
    /// Boilerplate: a run of short lines with furniture words (a link list).
    LinkList,
    /// Boilerplate: a run of short lines at the start or end of the page.
    PageEdge,
    /// Boilerplate: a real HTML tag.
    Markup,
    /// Boilerplate: a script remnant (browser-script calls to the end of a line).
    Script,
    /// Boilerplate: short furniture-shaped lines that occur in many documents of the
    /// batch, two or more of them together (`--strip-boilerplate` on a folder or
    /// JSONL; see `boilerplate::repeated`).
    BatchRepeated,
}

impl Evidence {
    /// The name used in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::DoubledArticle => "doubled_article",
            Evidence::Run => "run",
            Evidence::Stutter => "stutter",
            Evidence::Appended => "appended",
            Evidence::ParagraphCopy => "paragraph_copy",
            Evidence::DoubledLine => "doubled_line",
            Evidence::EarlierWindow => "earlier_window",
            Evidence::Rule => "rule",
            Evidence::LinkList => "link_list",
            Evidence::PageEdge => "page_edge",
            Evidence::Markup => "markup",
            Evidence::Script => "script",
            Evidence::BatchRepeated => "batch_repeated",
        }
    }
}

/// A run whose lines all have fewer key characters than this, some ending with a
/// comma or nothing, is verse.
pub const PROSE_MIN_CHARS: usize = 20;
/// A field label (`交易价格：`) has at most this many characters.
pub const MAX_LABEL_CHARS: usize = 6;
/// An appended or dropped credit has at most this many key characters.
pub const MAX_CREDIT_CHARS: usize = 12;
/// A numbered item, field or question this long counts as prose.
pub const LONG_ITEM_CHARS: usize = 40;
/// A question line (ending in `？`) has at most this many key characters.
pub const MAX_QUESTION_CHARS: usize = 80;

/// Rule 1: how many of a line's key characters count as prose: all of them for a
/// line of running text with at least `min_chars` key characters, or for a numbered
/// item, field or question of at least [`LONG_ITEM_CHARS`] (a long numbered paragraph
/// is a paragraph); none for headings, code, short fields, items and questions. The
/// line is given by its [`form`] (`line_form`: a paragraph's `shape.form`, which the
/// key pass computed as [`form`] of its text and key length) and key length.
pub fn prose_weight_of(line_form: Form, key_chars: usize, min_chars: usize) -> usize {
    match line_form {
        Form::Prose if key_chars >= min_chars => key_chars,
        Form::Item | Form::Field | Form::Question if key_chars >= LONG_ITEM_CHARS => key_chars,
        _ => 0,
    }
}

/// Whether a line ends like a line of verse or of a list: with a comma, an
/// enumeration comma, or no punctuation at all.
pub fn ends_open(text: &str) -> bool {
    let t = text.trim_end();
    !t.ends_with(|c: char| "。！？.!?…；;：:”’」』\"）)".contains(c))
}

/// [`run_is_prose_formed`] of lines given without their form (the tests').
#[cfg(test)]
pub fn run_is_prose<'t>(
    lines: impl Iterator<Item = (&'t str, usize)> + Clone,
    min_chars: usize,
) -> bool {
    run_is_prose_formed(lines.map(|(t, k)| (t, k, None)), min_chars)
}

/// Rule 1 for a run of lines (`lines`: text, key length and [`form`] of each): the
/// run is evidence of a copied article when prose makes up at least half of its key
/// characters, and it is not verse (all lines short, some ending open). The form is
/// a paragraph's `shape.form`, made in the key pass (the aligner judges the same
/// paragraphs again and again, for every anchor and in every fixed-point pass);
/// `None`: computed from the text.
pub fn run_is_prose_formed<'t>(
    lines: impl Iterator<Item = (&'t str, usize, Option<Form>)> + Clone,
    min_chars: usize,
) -> bool {
    let total: usize = lines.clone().map(|(_, k, _)| k).sum();
    let prose: usize = lines
        .clone()
        .map(|(t, k, f)| prose_weight_of(f.unwrap_or_else(|| form(t, k)), k, min_chars))
        .sum();
    let short = lines.clone().all(|(_, k, _)| k < PROSE_MIN_CHARS);
    let verse = short && lines.clone().any(|(t, k, _)| k > 0 && ends_open(t));
    prose > 0 && prose * 2 >= total && !verse
}

/// The role a line plays in its document, for rule 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The article's running text.
    Body,
    /// A heading or subtitle (short, no sentence end).
    Heading,
    /// A summary line or bullet (`●…`, the lines after `划重点：`).
    Summary,
    /// A lead or deck: a line of sentences that does not end like one.
    Lead,
    /// A photo caption (`图：…`, `图片来源`, `摄影`, `▲…`).
    Caption,
}

/// Markers of a photo caption.
const CAPTION_MARKS: &[&str] = &[
    "图：",
    "图:",
    "图/",
    "图片来源",
    "图片由",
    "摄影",
    "（图）",
    "供图",
    "图源",
    "视觉中国",
];
/// Characters one of which every mark of `CAPTION_MARKS` holds (a test checks it):
/// the anchors its search looks for.
const CAPTION_ANCHORS: &[char] = &['图', '摄', '视'];
/// Lines that open a summary: the lines after them (up to the next heading) are
/// summary lines.
const SUMMARY_MARKS: &[&str] = &["划重点", "摘要", "导读", "核心提示", "内容提要", "要点"];
/// A summary region spans at most this many lines after its marker.
const MAX_SUMMARY_LINES: SummaryLeft = 8;

/// The role of each paragraph; `paras` gives each paragraph's text and key length,
/// in order.
pub fn roles<'t>(paras: impl Iterator<Item = (&'t str, usize)>) -> Vec<Role> {
    roles_hinted(paras.map(|(t, k)| (t, k, true)))
}

/// [`roles`], where each paragraph also says whether it may hold a caption mark (its
/// key holds a character whose [`caption_hint`] has [`CAPTION_HINT_LINE`]); one that
/// may not is not searched for `CAPTION_MARKS`.
pub fn roles_hinted<'t>(paras: impl Iterator<Item = (&'t str, usize, bool)>) -> Vec<Role> {
    let mut summary_left = 0;
    paras
        .map(|(text, key_chars, may_be_caption)| {
            role_step(text, key_chars, may_be_caption, &mut summary_left)
        })
        .collect()
}

/// The paragraphs' roles ([`roles_hinted`]) with the summary state
/// [`role_step`] carried into each: what a later analysis of the same paragraphs
/// needs to take their roles over ([`roles_carried`]).
pub struct Roles {
    /// Each paragraph's role.
    pub roles: Vec<Role>,
    /// The summary state before each paragraph (`left[i]`), and after the last.
    pub left: Vec<SummaryLeft>,
}

/// [`roles_hinted`] with the summary states kept, where each paragraph also gives
/// its [`Shape::heading_trimmed`] (the heading test [`role_step`] makes), and may
/// say it is paragraph `k` of `prev`'s unchanged (`Analysis::carry`): when the
/// summary state before it is the one `prev` had before `k`, its role and the
/// state after it are `prev`'s and it is not read (a paragraph's role is a
/// function of its text and that state alone, see [`role_step`]).
pub fn roles_carried<'t>(
    paras: impl ExactSizeIterator<Item = (&'t str, usize, bool, Option<u32>, bool)>,
    prev: Option<&Roles>,
) -> Roles {
    let n = paras.len();
    let mut out = Roles {
        roles: Vec::with_capacity(n),
        left: Vec::with_capacity(n + 1),
    };
    let mut left = 0;
    for (text, key_chars, may_be_caption, from, heading) in paras {
        out.left.push(left);
        let known = prev.zip(from).and_then(|(prev, k)| {
            let k = k as usize;
            (prev.left[k] == left).then(|| (prev.roles[k], prev.left[k + 1]))
        });
        out.roles.push(match known {
            Some((role, next)) => {
                left = next;
                role
            }
            None => role_step_shaped(text, key_chars, heading, may_be_caption, &mut left),
        });
    }
    out.left.push(left);
    out
}

/// The summary lines still to come after a summary marker: the one state
/// [`roles_hinted`] carries from a paragraph to the next (at most
/// `MAX_SUMMARY_LINES`, so it fits a byte).
pub type SummaryLeft = u8;

/// One paragraph of [`roles_hinted`]: the role of `text` (with `key_chars` key
/// characters, `may_be_caption` as there) after the paragraphs that left
/// `summary_left`, which is updated for the next paragraph. A paragraph's role is a
/// function of these four alone, so a paragraph met again with the same
/// `summary_left` has the same role and leaves the same state (`Analysis::carry`
/// keeps it).
pub fn role_step(
    text: &str,
    key_chars: usize,
    may_be_caption: bool,
    summary_left: &mut SummaryLeft,
) -> Role {
    let heading = is_heading_like(form_trim(text), key_chars);
    role_step_shaped(text, key_chars, heading, may_be_caption, summary_left)
}

/// [`role_step`], given the [`Shape::heading_trimmed`] of `text` (`heading`).
fn role_step_shaped(
    text: &str,
    key_chars: usize,
    heading: bool,
    may_be_caption: bool,
    summary_left: &mut SummaryLeft,
) -> Role {
    let t = form_trim(text);
    let role = if t.starts_with(['●', '•', '▪', '■', '◆', '★', '☆']) {
        Role::Summary
    } else if t.starts_with('▲')
        || (may_be_caption && marks(&CAPTION_AC, CAPTION_MARKS, CAPTION_ANCHORS).is_match(t))
    {
        Role::Caption
    } else if heading {
        Role::Heading
    } else if *summary_left > 0 {
        Role::Summary
    } else {
        // a credit in brackets after the last sentence (`。（完）`, `。（记者 张三）`)
        let t = match t
            .strip_suffix(['）', ')'])
            .and_then(|u| u.rfind(['（', '(']))
        {
            Some(open)
                if t[..open]
                    .trim_end()
                    .ends_with(['。', '！', '？', '.', '!', '?']) =>
            {
                &t[..open]
            }
            _ => t,
        };
        let end = t.trim_end_matches(['”', '’', '」', '』', '"', '）', ')', ' ', '　']);
        if end.ends_with(['。', '！', '？', '.', '!', '?', '…', '；', ';', '：', ':']) {
            Role::Body
        } else {
            Role::Lead
        }
    };
    // (the key length first: most lines are longer than a summary mark's)
    *summary_left = if key_chars <= 8 && SUMMARY_MARKS.iter().any(|m| t.starts_with(m)) {
        MAX_SUMMARY_LINES
    } else if heading || role != Role::Summary {
        0
    } else {
        summary_left.saturating_sub(1)
    };
    role
}

/// [`appended_only_chars`] on keys given as strings (the tests').
#[cfg(test)]
pub fn appended_only(small: &str, large: &str, bounds: &[usize]) -> bool {
    let s: Vec<char> = small.chars().collect();
    let l: Vec<char> = large.chars().collect();
    appended_only_chars(&s, &l, bounds)
}

/// Rule 2: whether the smaller of two keys (`s`) is the larger (`l`) with one
/// stretch appended or dropped, where that stretch is a credit (at most
/// [`MAX_CREDIT_CHARS`] key characters at the start or the end: `（完）`,
/// `（记者 张三）`, `【财新网】`) or whole sentences of the larger (`bounds`: the
/// key-character offsets where the larger's sentences end). Keys are compared as
/// characters.
pub fn appended_only_chars(s: &[char], l: &[char], bounds: &[usize]) -> bool {
    let Some((pre, suf)) = shared_edges(s, l) else {
        return false;
    };
    let gap = l.len() - s.len();
    // the gap may sit anywhere in [s.len() - suf, pre] (ambiguous when the text
    // around it repeats); accept when one placement is a credit or whole sentences
    let lo = s.len() - suf;
    (lo..=pre).any(|at| {
        let (g0, g1) = (at, at + gap);
        let at_edge = g0 == 0 || g1 == l.len();
        let credit = at_edge && gap <= MAX_CREDIT_CHARS;
        let sentences =
            (g0 == 0 || bounds.contains(&g0)) && (g1 == l.len() || bounds.contains(&g1));
        credit || sentences
    })
}

/// The shape [`appended_only_chars`] asks of two keys before it looks at the stretch
/// between them: `s` shorter than `l`, and `s` made of a start and an end of `l`
/// (one stretch of `l` cut out). Then the lengths of their common prefix and common
/// suffix (`pre + suf >= s.len()`), else `None`. Cheap on keys that differ: it
/// stops at the first character that differs from each end.
pub fn shared_edges(s: &[char], l: &[char]) -> Option<(usize, usize)> {
    if s.len() >= l.len() {
        return None; // equal keys are exact copies, `exact`'s to judge
    }
    // (`pre + suf >= s.len() > 0` needs the first or the last characters equal:
    // most pairs differ at both, and are let go before the two counts)
    if s.first().is_some_and(|c| Some(c) != l.first()) && s.last() != l.last() {
        return None;
    }
    let (pre, suf) = crate::chars::common_ends(s, l);
    if pre + suf < s.len() {
        return None; // an edit, not an append
    }
    Some((pre, suf))
}

/// A heading between two copies has at most this many key characters.
pub const MAX_HEADING_CHARS: usize = 64;
/// At most this many heading lines may separate two copies for `auto` to keep the later.
pub const MAX_HEADING_LINES: usize = 3;

/// Whether a line reads as a heading: short, with no full stop inside and no
/// sentence-ending punctuation at its end (closing quotes and brackets aside).
pub fn is_heading_like(text: &str, key_chars: usize) -> bool {
    if key_chars == 0 || key_chars > MAX_HEADING_CHARS {
        return false;
    }
    // the end first: it is read from the end, while the full stops are searched for
    // in the whole line (one single-character search each: a `[char]` pattern
    // decodes every character)
    let t = text
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '）', ')']);
    // (a line of running text ends with its full stop: found without a search)
    !t.ends_with(['！', '？', '.', '!', '?', '…', '；', ';', '。', '｡'])
        && !text.contains('。')
        && !text.contains('｡')
}

#[cfg(test)]
mod tests {
    use super::caption::{is_caption_opener, CAPTION_SENTENCE_MARKS};
    use super::*;

    #[test]
    fn a_paragraphs_shape_form_is_its_form_and_judges_runs_alike() {
        use crate::detect::registry::samples;
        use crate::detect::Analysis;
        let tables = crate::normalize::script::ScriptTables::get();
        let mut runs = 0;
        for text in samples::all() {
            let a = Analysis::new(&text, tables);
            let line = |p: usize| {
                (
                    &text[a.paras[p].start..a.paras[p].end],
                    a.paras[p].key_chars,
                )
            };
            for p in 0..a.paras.len() {
                let (t, k) = line(p);
                assert_eq!(a.paras[p].shape.form, form(t, k), "{t}");
            }
            // every stretch of up to four paragraphs, as the aligner judges runs
            for start in 0..a.paras.len() {
                for end in start + 1..=(start + 4).min(a.paras.len()) {
                    for min in [1, 20, 60] {
                        let plain = run_is_prose((start..end).map(line), min);
                        let formed = run_is_prose_formed(
                            (start..end)
                                .map(|p| (line(p).0, line(p).1, Some(a.paras[p].shape.form))),
                            min,
                        );
                        assert_eq!(plain, formed);
                        runs += usize::from(plain);
                    }
                }
            }
        }
        assert!(runs > 100, "{runs}");
    }

    #[test]
    fn caption_opener_filter_lets_every_opener_through() {
        for c in ('\0'..='\u{FFFF}').chain('\u{20000}'..='\u{2FFFF}') {
            assert_eq!(opens_caption_mark(c), is_caption_opener(c), "{c:?}");
            let line = matches!(c, '图' | '摄' | '视');
            assert_eq!(caption_hint(c) & CAPTION_HINT_LINE != 0, line, "{c:?}");
        }
    }

    /// The hint the key pass leaves for `text`: its key characters, each with the
    /// one before it.
    fn key_hint(text: &str) -> u8 {
        let tables = crate::normalize::script::ScriptTables::get();
        let (key, _) = crate::normalize::key::key(tables, text);
        let mut prev = '\0';
        key.chars().fold(0, |h, c| {
            let h = h | caption_hint_in_key(prev, c);
            prev = c;
            h
        })
    }

    #[test]
    fn the_key_hint_gate_passes_every_hinting_character() {
        let prevs = ['\0', '提', '資', '资', '赀', '图', 'a'];
        let mut passed = 0;
        for c in ('\0'..='\u{FFFF}').chain('\u{10000}'..='\u{3FFFF}') {
            if prevs.iter().any(|&p| caption_hint_in_key(p, c) != 0) {
                assert!(may_hint_in_key(c), "{c:?}");
            }
            passed += usize::from(may_hint_in_key(c) && ('\u{4E00}'..='\u{9FFF}').contains(&c));
        }
        // a gate, not a pass: few of the ideographs of U+4E00-9FFF get through
        assert!(passed < 20992 / 8, "{passed}");
    }

    #[test]
    fn the_key_pass_hint_finds_every_sentence_mark() {
        for m in CAPTION_SENTENCE_MARKS {
            assert_ne!(key_hint(m) & CAPTION_HINT_ANY, 0, "{m}");
            // and inside a sentence, in both scripts
            assert_ne!(
                key_hint(&format!("記者林良齊{m}，新华社")) & CAPTION_HINT_ANY,
                0,
                "{m}"
            );
        }
        for m in CAPTION_MARKS {
            assert_ne!(key_hint(m) & CAPTION_HINT_LINE, 0, "{m}");
        }
        // the line bits are those of the character alone
        for c in ('\0'..='\u{FFFF}').chain('\u{20000}'..='\u{2FFFF}') {
            assert_eq!(
                caption_hint_in_key('\0', c) & CAPTION_HINT_LINE,
                caption_hint(c) & CAPTION_HINT_LINE,
                "{c:?}"
            );
        }
        // a character of a mark alone is no hint
        for s in ["提出建议", "资金", "供应链"] {
            assert_eq!(key_hint(s), 0, "{s}");
        }
    }

    #[test]
    fn every_caption_mark_leaves_a_hint_in_its_key() {
        let tables = crate::normalize::script::ScriptTables::get();
        for m in CAPTION_SENTENCE_MARKS.iter().chain(CAPTION_MARKS) {
            let (key, _) = crate::normalize::key::key(tables, m);
            assert!(key.chars().any(opens_caption_mark), "{m}: key {key}");
        }
        for m in CAPTION_MARKS {
            let (key, _) = crate::normalize::key::key(tables, m);
            assert!(
                key.chars()
                    .any(|c| caption_hint(c) & CAPTION_HINT_LINE != 0),
                "{m}: key {key}"
            );
        }
        // the line marks are matched in the text, so each hint character must be its
        // own key: a line holding it then has it in its key
        for c in ['图', '摄', '视'] {
            assert_eq!(
                crate::normalize::key::key(tables, &c.to_string()).0,
                c.to_string()
            );
            assert_eq!(caption_hint(c), CAPTION_HINT_ANY | CAPTION_HINT_LINE);
        }
    }

    #[test]
    fn roles_of_a_summary_page() {
        let lines = [
            ("划重点：", 3),
            ("一位人士表示，监管方从年初就在酝酿。", 16),
            ("《棱镜》作者 周纯", 7),
            ("正文第一句在这里。", 8),
            ("●市文化局表示，明年还将再建。", 12),
            ("公积金改革的本质是转轨。图：视觉中国", 16),
            ("根据指令，得州公立大学不得担保", 14),
        ];
        let r = roles(lines.iter().copied());
        assert_eq!(
            r,
            [
                Role::Heading,
                Role::Summary,
                Role::Heading,
                Role::Body,
                Role::Summary,
                Role::Caption,
                Role::Heading
            ]
        );
    }

    #[test]
    fn appends_and_edits() {
        // a credit appended
        assert!(appended_only(
            "国家统计局发布数据",
            "国家统计局发布数据完",
            &[9]
        ));
        // a sentence dropped from the middle
        assert!(appended_only("甲乙丙丁戊己", "甲乙丙XYZ丁戊己", &[3, 6, 9]));
        // an edit (a figure changed) is not an append
        assert!(!appended_only(
            "增长百分之五点三好于预期",
            "增长百分之五点四好于预期完",
            &[12, 13]
        ));
        // a middle insertion that is not a whole sentence
        assert!(!appended_only("甲乙丙丁戊己", "甲乙丙XY丁戊己", &[8]));
    }
}
