//! What an LLM sampler leaves of a distribution, and seeded draws from it.
//!
//! The temperature, the three filters (top-k, top-p, min-p) in the order an engine applies them,
//! and the distribution it finally draws from.
//!
//! Each filter sees the probabilities the steps before it left, renormalised over the
//! survivors, at the temperature if the temperature step came first and on the raw logits
//! (`T = 1`) if not:
//!
//! - top-k keeps the `k` largest (with every entry tied with the `k`-th where the engine does,
//!   see [`Order::top_k_keeps_ties`]);
//! - top-p walks the entries from the most probable and keeps each while the mass of those
//!   before it is `< p`: the fewest most probable entries whose mass reaches `p`, at least one.
//!   (Hugging Face removes the entries whose ascending cumulative probability is `<= 1 - p`,
//!   llama.cpp stops at the first cumulative sum `>= p`: the same set.)
//! - min-p keeps the entries with `p_i >= m · max_j p_j`.
//!
//! The final distribution is the softmax of the survivors' logits at the temperature: computed
//! as a softmax over the survivors (never by dividing rounded probabilities), so every entry is
//! within a few ulp of exact, and the filtered entries are exactly `0.0`.
//!
//! Ties: entries are ranked by logit, equal logits by index (lower first). That decides which of
//! tied entries top-k keeps where an engine keeps exactly `k`, and the order top-p adds up tied
//! entries in; the engines leave both unspecified.
//!
//! `T = 0` is the limit `T -> 0+` throughout: the filters after it see the one-hot distribution
//! (ties split evenly), and the final distribution is one-hot on the largest survivors. The
//! engines themselves turn greedy there and take the first maximum: llama.cpp's temperature
//! step keeps only the highest logit, vLLM takes the argmax below a temperature of 1e-5, and
//! transformers refuses `temperature = 0` when sampling.

mod draw;
mod settings;

pub use draw::draw;
pub use settings::{Filter, Order, SamplerError, SamplerSettings, Step};

use crate::ranking;
use crate::scalar::softmax::CompensatedSum;
use crate::simd::Level;
use crate::softmax::{Temperature, entropy, log_softmax, softmax};

/// One filter step of a chain.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// The filter.
    pub filter: Filter,
    /// Which elements survive once it has run (those removed by an earlier filter are `false`
    /// too).
    pub kept: Vec<bool>,
}

/// What a sampler leaves of a vector of logits: see [`sample_distribution`].
#[derive(Clone, Debug, PartialEq)]
pub struct Sampled {
    /// The order the steps ran in.
    pub order: Order,
    /// The plain softmax at the settings' temperature, before any filter.
    pub plain: Vec<f64>,
    /// The filters that are on, in the order they ran.
    pub stages: Vec<Stage>,
    /// For each element, the first filter that removed it (`None` for the survivors).
    pub removed_by: Vec<Option<Filter>>,
    /// The distribution drawn from: the softmax of the survivors at the temperature, exactly
    /// `0.0` for every filtered element.
    pub probabilities: Vec<f64>,
    /// `Σ plain_i` over the survivors: how much of the plain distribution the filters kept.
    pub kept_mass: f64,
    /// Shannon entropy `H = -Σ p ln p` (nats) of `plain`.
    pub entropy_before: f64,
    /// Shannon entropy (nats) of `probabilities`.
    pub entropy_after: f64,
}

impl Sampled {
    /// The effective number of choices before the filters, `exp(H)`: `n` for a uniform
    /// distribution over `n`, 1 for a one-hot one.
    #[must_use]
    pub fn effective_choices_before(&self) -> f64 {
        self.entropy_before.exp()
    }

    /// The effective number of choices left, `exp(H)` of the final distribution.
    #[must_use]
    pub fn effective_choices_after(&self) -> f64 {
        self.entropy_after.exp()
    }

    /// Which elements survive every filter.
    #[must_use]
    pub fn survivors(&self) -> Vec<bool> {
        self.removed_by.iter().map(Option::is_none).collect()
    }
}

/// What the sampler described by `settings` leaves of the logits `xs`: the plain softmax at the
/// temperature, each filter's survivors, the renormalised distribution it draws from, the mass
/// kept, and the entropy before and after (see the module notes for the exact rules).
///
/// The softmaxes run on the SIMD `level` for long inputs. A NaN anywhere, or every element
/// `-∞`, leaves everything undefined: NaN probabilities, masses and entropies, no stages, nothing
/// marked removed. Empty input gives empty vectors, a kept mass of 0 and entropies of 0.
#[must_use]
pub fn sample_distribution(level: Level, xs: &[f64], settings: &SamplerSettings) -> Sampled {
    sample_distribution_in(level, xs, None, settings)
}

/// [`sample_distribution`] for a caller that keeps the logits ranked already (largest first,
/// equal logits by index, as `crate::ranking` orders them): the chain uses `ranking` instead
/// of sorting `xs` again, which is most of its cost on a long vector. A ranking in another order
/// gives other survivors.
///
/// # Panics
/// If `ranking` and `xs` differ in length.
#[must_use]
pub fn sample_distribution_ranked(
    level: Level,
    xs: &[f64],
    ranking: &[usize],
    settings: &SamplerSettings,
) -> Sampled {
    assert_eq!(xs.len(), ranking.len(), "one rank per logit");
    sample_distribution_in(level, xs, Some(ranking), settings)
}

fn sample_distribution_in(
    level: Level,
    xs: &[f64],
    ranking: Option<&[usize]>,
    settings: &SamplerSettings,
) -> Sampled {
    let t = settings.temperature();
    let mut plain = vec![0.0; xs.len()];
    softmax(level, xs, t, &mut plain);
    let mut log_plain = vec![0.0; xs.len()];
    log_softmax(level, xs, t, &mut log_plain);
    let entropy_before = entropy(&plain, &log_plain);
    let Some(chain) = Chain::run(level, xs, ranking, settings, settings.order()) else {
        return Sampled {
            order: settings.order(),
            probabilities: vec![f64::NAN; xs.len()],
            plain,
            stages: Vec::new(),
            removed_by: vec![None; xs.len()],
            kept_mass: f64::NAN,
            entropy_before: f64::NAN,
            entropy_after: f64::NAN,
        };
    };

    let survivors = chain.survivors();
    let logits: Vec<f64> = survivors.iter().map(|&i| xs[i]).collect();
    let mut kept = vec![0.0; logits.len()];
    softmax(level, &logits, t, &mut kept);
    let mut log_kept = vec![0.0; logits.len()];
    log_softmax(level, &logits, t, &mut log_kept);
    let mut probabilities = vec![0.0; xs.len()];
    for (&i, &p) in survivors.iter().zip(&kept) {
        probabilities[i] = p;
    }

    let mut removed_by = vec![None; xs.len()];
    let mut count = xs.len();
    let mut stages = Vec::with_capacity(chain.cuts.len());
    for &(filter, cut) in &chain.cuts {
        for &i in &chain.ranking[cut..count] {
            removed_by[i] = Some(filter);
        }
        count = cut;
        stages.push(Stage {
            filter,
            kept: removed_by.iter().map(Option::is_none).collect(),
        });
    }
    let kept_mass = kept_mass(&plain, &removed_by);
    Sampled {
        order: settings.order(),
        plain,
        stages,
        removed_by,
        probabilities,
        kept_mass,
        entropy_before,
        entropy_after: entropy(&kept, &log_kept),
    }
}

/// Which elements of `xs` survive every filter of `settings` (all `false` for an undefined
/// input): the cheap part of [`sample_distribution`].
#[must_use]
pub fn survivors(level: Level, xs: &[f64], settings: &SamplerSettings) -> Vec<bool> {
    survivors_in(level, xs, settings, settings.order())
}

/// Whether the orders ([`Order::ALL`]: hf, llama.cpp, vLLM) keep different sets of entries of
/// `xs` under the same temperature and filters: they can, because the temperature changes
/// which entries reach top-p's mass or min-p's ratio, and because each filter only sees what
/// the one before it left.
#[must_use]
pub fn orders_disagree(level: Level, xs: &[f64], settings: &SamplerSettings) -> bool {
    let mut sets = Order::ALL
        .into_iter()
        .map(|order| survivors_in(level, xs, settings, order));
    let first = sets.next();
    sets.any(|set| Some(set) != first)
}

fn survivors_in(level: Level, xs: &[f64], settings: &SamplerSettings, order: Order) -> Vec<bool> {
    let mut kept = vec![false; xs.len()];
    if let Some(chain) = Chain::run(level, xs, None, settings, order) {
        for &i in chain.survivors() {
            kept[i] = true;
        }
    }
    kept
}

/// The filters' decisions. Every filter keeps a prefix of the ranking (largest logit first,
/// ties by index) of what it was given, so survivors are always a prefix too: each filter is
/// recorded as the length it cut the prefix to.
struct Chain {
    ranking: Vec<usize>,
    cuts: Vec<(Filter, usize)>,
}

impl Chain {
    /// The chain of `order` with the settings' filters, or `None` for an undefined input;
    /// `ranked` is the logits' ranking when the caller has it.
    fn run(
        level: Level,
        xs: &[f64],
        ranked: Option<&[usize]>,
        settings: &SamplerSettings,
        order: Order,
    ) -> Option<Chain> {
        let undefined = xs.iter().any(|x| x.is_nan())
            || (!xs.is_empty() && xs.iter().all(|&x| x == f64::NEG_INFINITY));
        if undefined {
            return None;
        }
        let ranking = ranked.map_or_else(|| ranking::descending(xs), <[usize]>::to_vec);
        let mut count = xs.len();
        let mut tempered = false;
        let mut cuts = Vec::new();
        for step in order.steps() {
            let filter = match step {
                Step::Temperature => {
                    tempered = true;
                    continue;
                }
                Step::Filter(filter) if settings.is_on(filter) => filter,
                Step::Filter(_) => continue,
            };
            // Logits of the survivors, largest first.
            let logits: Vec<f64> = ranking[..count].iter().map(|&i| xs[i]).collect();
            let t = if tempered {
                settings.temperature()
            } else {
                Temperature::ONE
            };
            count = match filter {
                Filter::TopK => top_k(&logits, settings.top_k(), order.top_k_keeps_ties()),
                Filter::TopP => top_p(&probabilities(level, &logits, t), settings.top_p()),
                Filter::MinP => min_p(&probabilities(level, &logits, t), settings.min_p()),
            };
            cuts.push((filter, count));
        }
        Some(Chain { ranking, cuts })
    }

    /// The survivors' indices, largest logit first.
    fn survivors(&self) -> &[usize] {
        let count = self.cuts.last().map_or(self.ranking.len(), |&(_, cut)| cut);
        &self.ranking[..count]
    }
}

/// `Σ plain_i` over the survivors, as `1 - Σ` over the removed ones when those are the smaller
/// part (so nothing removed is exactly 1, and a tiny removed mass keeps its digits).
fn kept_mass(plain: &[f64], removed_by: &[Option<Filter>]) -> f64 {
    let mut kept = CompensatedSum::default();
    let mut removed = CompensatedSum::default();
    for (&p, by) in plain.iter().zip(removed_by) {
        if by.is_some() {
            removed.add(p);
        } else {
            kept.add(p);
        }
    }
    let (kept, removed) = (kept.total(), removed.total());
    if removed < kept { 1.0 - removed } else { kept }
}

fn probabilities(level: Level, logits: &[f64], t: Temperature) -> Vec<f64> {
    let mut p = vec![0.0; logits.len()];
    softmax(level, logits, t, &mut p);
    p
}

/// How many of the `logits` (in decreasing order) top-k keeps: `k`, and with `ties` every entry
/// equal to the `k`-th too.
fn top_k(logits: &[f64], k: usize, ties: bool) -> usize {
    if k >= logits.len() {
        return logits.len();
    }
    if !ties {
        return k;
    }
    let kth = logits[k - 1];
    k + logits[k..].iter().take_while(|&&x| x == kth).count()
}

/// How many of the probabilities (most probable first) top-p keeps: each while the mass before
/// it is `< p` (at least one, as `p > 0`).
fn top_p(probabilities: &[f64], p: f64) -> usize {
    let mut before = CompensatedSum::default();
    let mut kept = 0;
    for &probability in probabilities {
        if before.total() >= p {
            break;
        }
        before.add(probability);
        kept += 1;
    }
    kept
}

/// How many of the probabilities (most probable first) min-p keeps: those `>= m · max`.
fn min_p(probabilities: &[f64], m: f64) -> usize {
    let largest = probabilities.iter().copied().fold(0.0, f64::max);
    let threshold = m * largest;
    probabilities
        .iter()
        .take_while(|&&probability| probability >= threshold)
        .count()
}

#[cfg(test)]
mod tests {
    /// Given the ranking, the same result as sorting: every order, every filter.
    #[test]
    fn a_given_ranking_gives_what_sorting_gives() {
        let xs: Vec<f64> = (0..300)
            .map(|i| f64::from((i * 37) % 101) * 0.07 - 2.0)
            .collect();
        let ranking = crate::ranking::descending(&xs);
        for order in Order::ALL {
            let settings = SamplerSettings::default()
                .with_temperature(Temperature::new(0.7).unwrap())
                .with_top_k(40)
                .with_top_p(0.9)
                .unwrap()
                .with_min_p(0.05)
                .unwrap()
                .with_order(order);
            assert_eq!(
                super::sample_distribution_ranked(Level::best(), &xs, &ranking, &settings),
                super::sample_distribution(Level::best(), &xs, &settings)
            );
        }
    }

    use super::*;
    use proptest::prelude::*;

    fn settings(t: f64, top_k: usize, top_p: f64, min_p: f64, order: Order) -> SamplerSettings {
        let t = Temperature::new(t).unwrap();
        SamplerSettings::new(t, top_k, top_p, min_p, order).unwrap()
    }

    fn sample(xs: &[f64], settings: &SamplerSettings) -> Sampled {
        sample_distribution(Level::best(), xs, settings)
    }

    #[test]
    fn no_filter_is_the_plain_softmax() {
        let xs = [1.2, 0.9, 0.4];
        for order in Order::ALL {
            let s = sample(&xs, &settings(1.0, 0, 1.0, 0.0, order));
            assert_eq!(s.probabilities, s.plain);
            assert!(s.stages.is_empty());
            assert_eq!(s.survivors(), [true; 3]);
            assert_eq!(s.kept_mass, 1.0);
            assert_eq!(s.entropy_before, s.entropy_after);
            assert!(s.effective_choices_before() > 2.8 && s.effective_choices_before() < 3.0);
        }
    }

    #[test]
    fn the_table_row_where_the_orders_differ() {
        // sampling.tsv: T = 2, top-p 0.8, min-p 0.1. Tempered (hf), top-p keeps two; raw
        // (llama.cpp), the first already holds 0.936 of the mass.
        let xs = [0.984, -1.858, -3.58];
        let hf = sample(&xs, &settings(2.0, 0, 0.8, 0.1, Order::Hf));
        assert_eq!(hf.removed_by, [None, None, Some(Filter::TopP)]);
        assert_eq!(hf.stages.len(), 2);
        assert_eq!(hf.stages[0].filter, Filter::TopP);
        assert_eq!(hf.stages[0].kept, [true, true, false]);
        assert_eq!(hf.stages[1].filter, Filter::MinP);
        assert_eq!(hf.stages[1].kept, [true, true, false]);
        assert_eq!(hf.probabilities[2].to_bits(), 0);
        let sum: f64 = hf.probabilities.iter().sum();
        assert!((sum - 1.0).abs() <= f64::EPSILON);
        assert!((hf.kept_mass - (hf.plain[0] + hf.plain[1])).abs() <= f64::EPSILON);
        assert!(hf.entropy_after < hf.entropy_before);

        let llama = sample(&xs, &settings(2.0, 0, 0.8, 0.1, Order::LlamaCpp));
        assert_eq!(llama.probabilities, [1.0, 0.0, 0.0]);
        assert_eq!(
            llama.removed_by,
            [None, Some(Filter::TopP), Some(Filter::TopP)]
        );
        assert_eq!(llama.entropy_after, 0.0);
        assert_eq!(llama.effective_choices_after(), 1.0);
        assert!(orders_disagree(
            Level::best(),
            &xs,
            &settings(2.0, 0, 0.8, 0.1, Order::Hf)
        ));
        assert!(!orders_disagree(
            Level::best(),
            &xs,
            &settings(1.0, 0, 0.8, 0.1, Order::Hf)
        ));
    }

    #[test]
    fn vllm_applies_min_p_before_top_p() {
        // T = 1, min-p 0.5 removes x = 0 (e^-1 < 0.5); over the two left, top-p 0.6 keeps only
        // the first (0.62 >= 0.6). Hugging Face runs top-p first, over all three (the first
        // holds 0.51 < 0.6, so two survive), then min-p leaves those two.
        let xs = [1.0, 0.5, 0.0];
        let vllm = sample(&xs, &settings(1.0, 0, 0.6, 0.5, Order::Vllm));
        assert_eq!(
            vllm.removed_by,
            [None, Some(Filter::TopP), Some(Filter::MinP)]
        );
        assert_eq!(vllm.stages[0].filter, Filter::MinP);
        let hf = sample(&xs, &settings(1.0, 0, 0.6, 0.5, Order::Hf));
        assert_eq!(hf.removed_by, [None, None, Some(Filter::TopP)]);
    }

    #[test]
    fn top_k_ties_follow_the_engine() {
        let xs = [3.0, 2.0, 2.0, 2.0, 1.0];
        // transformers keeps all the entries tied with the k-th (k = 2 on [3, 2, 2, 2, 1]
        // keeps 4), as does vLLM; llama.cpp keeps exactly k, here the lower index.
        for (order, kept) in [
            (Order::Hf, [true, true, true, true, false]),
            (Order::Vllm, [true, true, true, true, false]),
            (Order::LlamaCpp, [true, true, false, false, false]),
        ] {
            let s = sample(&xs, &settings(1.0, 2, 1.0, 0.0, order));
            assert_eq!(s.survivors(), kept, "{order}");
        }
        assert_eq!(top_k(&[3.0, 2.0], 5, true), 2);
    }

    #[test]
    fn zero_temperature_is_the_one_hot_limit() {
        let xs = [1.0, 3.0, 3.0, 2.0];
        for order in Order::ALL {
            let s = sample(&xs, &settings(0.0, 0, 1.0, 0.0, order));
            assert_eq!(s.probabilities, [0.0, 0.5, 0.5, 0.0], "{order}");
            assert_eq!(s.entropy_before, std::f64::consts::LN_2);
            // Tempered first, min-p sees zeros below the maxima and removes them; on the raw
            // logits (llama.cpp) 2.0 holds e^-1 of the largest and survives to be zeroed by T.
            let s = sample(&xs, &settings(0.0, 0, 1.0, 0.3, order));
            assert_eq!(s.probabilities, [0.0, 0.5, 0.5, 0.0], "{order}");
            let removed = s.removed_by[3].is_some();
            assert_eq!(removed, order != Order::LlamaCpp, "{order}");
        }
    }

    #[test]
    fn filters_always_keep_the_most_probable() {
        let xs = [0.1, 5.0, -3.0];
        for order in Order::ALL {
            let s = sample(&xs, &settings(1e-3, 1, 1e-9, 1.0, order));
            assert_eq!(s.probabilities, [0.0, 1.0, 0.0], "{order}");
            assert_eq!(s.survivors(), [false, true, false]);
            assert_eq!(s.stages.len(), 3);
        }
    }

    #[test]
    fn undefined_and_empty_inputs() {
        let on = settings(1.0, 2, 0.9, 0.1, Order::Hf);
        for xs in [&[1.0, f64::NAN][..], &[f64::NEG_INFINITY; 2][..]] {
            let s = sample(xs, &on);
            assert!(s.probabilities.iter().all(|p| p.is_nan()));
            assert!(s.kept_mass.is_nan() && s.entropy_after.is_nan());
            assert!(s.stages.is_empty());
            assert_eq!(survivors(Level::best(), xs, &on), [false, false]);
        }
        let s = sample(&[], &on);
        assert!(s.probabilities.is_empty() && s.plain.is_empty());
        assert_eq!(
            (s.kept_mass, s.entropy_before, s.entropy_after),
            (0.0, 0.0, 0.0)
        );
        assert_eq!(s.stages.len(), 3);
        // -inf entries are never drawn but may survive a filter.
        let s = sample(
            &[f64::NEG_INFINITY, 0.0],
            &settings(1.0, 0, 1.0, 0.0, Order::Hf),
        );
        assert_eq!(s.probabilities, [0.0, 1.0]);
    }

    fn any_settings() -> impl Strategy<Value = SamplerSettings> {
        (
            prop_oneof![Just(0.0), Just(1.0), 1e-3..10.0f64, 10.0..1e300f64],
            prop_oneof![Just(0usize), 1usize..8],
            prop_oneof![Just(1.0), 1e-9..1.0f64],
            prop_oneof![Just(0.0), 0.0..=1.0f64],
            prop::sample::select(Order::ALL.to_vec()),
        )
            .prop_map(|(t, k, p, m, order)| settings(t, k, p, m, order))
    }

    proptest! {
        #[test]
        fn the_final_distribution_is_the_plain_one_renormalised(
            xs in prop::collection::vec(-30.0..30.0f64, 1..40),
            settings in any_settings(),
        ) {
            let s = sample(&xs, &settings);
            let survivors = s.survivors();
            prop_assert!(survivors[crate::softmax::argmax(&xs)], "the argmax survives");
            let mut sum = 0.0;
            for (i, &p) in s.probabilities.iter().enumerate() {
                prop_assert!((0.0..=1.0).contains(&p), "p = {p}");
                if !survivors[i] {
                    prop_assert_eq!(p.to_bits(), 0, "filtered entries are exactly 0");
                } else if s.plain[i] > 1e-200 {
                    let want = s.plain[i] / s.kept_mass;
                    prop_assert!((p - want).abs() <= 1e-13 * want, "{p} vs {want}");
                }
                sum += p;
            }
            prop_assert!((sum - 1.0).abs() <= 4.0 * xs.len() as f64 * f64::EPSILON, "sum {sum}");
            prop_assert!(s.kept_mass > 0.0 && s.kept_mass <= 1.0);
            if s.kept_mass == 1.0 {
                prop_assert!((s.entropy_after - s.entropy_before).abs() <= 1e-12);
            }
        }

        #[test]
        fn each_stage_keeps_a_subset_of_the_one_before(
            xs in prop::collection::vec(-30.0..30.0f64, 1..40),
            settings in any_settings(),
        ) {
            let s = sample(&xs, &settings);
            let mut before = vec![true; xs.len()];
            for stage in &s.stages {
                prop_assert!(settings.is_on(stage.filter));
                for (i, (&now, &then)) in stage.kept.iter().zip(&before).enumerate() {
                    prop_assert!(!now || then, "element {i} came back at {}", stage.filter);
                    let removed_here = then && !now;
                    prop_assert_eq!(removed_here, s.removed_by[i] == Some(stage.filter));
                }
                before.clone_from(&stage.kept);
            }
            prop_assert_eq!(before, s.survivors());
            prop_assert_eq!(survivors(Level::best(), &xs, &settings), s.survivors());
        }
    }

    #[test]
    fn top_p_counts_the_mass_before_each_entry() {
        assert_eq!(top_p(&[0.5, 0.3, 0.2], 0.5), 1);
        assert_eq!(top_p(&[0.5, 0.3, 0.2], 0.51), 2);
        assert_eq!(top_p(&[0.5, 0.3, 0.2], 0.8), 2);
        assert_eq!(top_p(&[0.5, 0.3, 0.2], 0.81), 3);
        assert_eq!(top_p(&[1.0, 0.0], 1e-300), 1);
        assert_eq!(min_p(&[0.5, 0.3, 0.2], 0.4), 3);
        assert_eq!(min_p(&[0.5, 0.3, 0.2], 0.41), 2);
        assert_eq!(min_p(&[0.5, 0.5, 0.0], 1.0), 2);
    }
}
