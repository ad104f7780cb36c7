//! What a later fixed-point pass of a stage looks at ([`InPlay`]), kept in the
//! memo by a pass that found nothing, so that a pass looking at the same finds
//! nothing again without running (`near::paragraphs`, and the registry's sentence
//! stage).

use crate::detect::Analysis;

/// The paragraphs a later pass of a stage looks at, in order, as what the stage
/// reads of them: a paragraph's key, sentences, sketch and shape are functions of
/// its text, so a paragraph is named by its origin in the first pass' analysis
/// (the same text) or, a line a removal cut, by its text; and its role. A stage
/// that found nothing keeps its [`InPlay`] in the memo (`near_in_play` and
/// `sentence_in_play` of the registry's `MemoParts`): a later pass whose [`InPlay`]
/// is the same (and the stage's settings, `cfg`) finds nothing either, and is not
/// run (the stage's result is a function of them). Only for a document of [`IN_PLAY_MIN_PARAS`] paragraphs or more
/// ([`InPlay::worth`]).
pub(in crate::detect) struct InPlay {
    /// What of the configuration the stage reads.
    cfg: (u64, u64),
    /// Per paragraph in play: its origin, `None` for a line keyed afresh.
    origins: Vec<Option<u32>>,
    /// Per paragraph in play: its index in the pass' analysis.
    at: Vec<u32>,
    /// The texts of the paragraphs in play with no origin, one after the other.
    texts: String,
    /// The byte length of each text in `texts`.
    lens: Vec<usize>,
    /// Per paragraph in play, its role (empty until [`InPlay::with_roles`]).
    roles: Vec<crate::detect::evidence::Role>,
}

/// See [`InPlay`]: a smaller document's later passes are cheap, and few have a
/// third (a corpus' second passes paid 6 M instructions for records never read).
/// (1 under test: every document of the tests' fixed-point passes records and reads
/// its [`InPlay`], against the plain passes they compare with.)
pub const IN_PLAY_MIN_PARAS: usize = if cfg!(test) { 1 } else { 2048 };

impl InPlay {
    /// Whether a later pass over `a` keeps or reads an [`InPlay`].
    pub(in crate::detect) fn worth(a: &Analysis<'_>) -> bool {
        a.paras.len() >= IN_PLAY_MIN_PARAS
    }

    /// The paragraphs `i` of `a` for which `in_play(i)`, in a later pass whose
    /// paragraph `i` is the first pass' `origin(i)` (`registry::Memo::origin`; roles
    /// not read), for a stage reading `cfg` of the configuration.
    pub(in crate::detect) fn of(
        a: &Analysis<'_>,
        origin: impl Fn(usize) -> Option<u32>,
        cfg: (u64, u64),
        in_play: impl Fn(usize) -> bool,
    ) -> InPlay {
        let mut seen = InPlay {
            cfg,
            origins: Vec::new(),
            at: Vec::new(),
            texts: String::new(),
            lens: Vec::new(),
            roles: Vec::new(),
        };
        for (i, p) in a.paras.iter().enumerate() {
            if !in_play(i) {
                continue;
            }
            let o = origin(i);
            if o.is_none() {
                seen.texts.push_str(&a.text[p.start..p.end]);
                seen.lens.push(p.end - p.start);
            }
            seen.origins.push(o);
            seen.at.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        seen
    }

    /// `self` with the roles of its paragraphs in `a`.
    pub(in crate::detect) fn with_roles(mut self, a: &Analysis<'_>) -> InPlay {
        let roles = a.roles();
        self.roles = self.at.iter().map(|&i| roles[i as usize]).collect();
        self
    }

    /// Whether `now` (of `a`, roles not read) names the paragraphs `self` names,
    /// in the same roles (read last), for the same settings.
    pub(in crate::detect) fn same(&self, now: &InPlay, a: &Analysis<'_>) -> bool {
        if self.cfg != now.cfg
            || self.origins != now.origins
            || self.lens != now.lens
            || self.texts != now.texts
            || self.roles.len() != self.at.len()
        {
            return false;
        }
        let roles = a.roles();
        (self.roles.iter().zip(&now.at)).all(|(&r, &i)| roles[i as usize] == r)
    }
}
