//! What a sampler is told: a temperature, three filters and their order, valid by construction.
//!
//! The filters are top-k, top-p and min-p; the order is the one an engine applies them in. Every
//! framework fact below cites its source.

use std::fmt;
use std::str::FromStr;

use crate::softmax::Temperature;

/// A filter that removes unlikely entries before a draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Filter {
    /// Keeps the `k` most probable entries (top-k sampling, Fan, Lewis and Dauphin,
    /// "Hierarchical Neural Story Generation", ACL 2018).
    TopK,
    /// Keeps the fewest most probable entries whose probabilities reach `p` (nucleus sampling,
    /// Holtzman et al., "The Curious Case of Neural Text Degeneration", ICLR 2020).
    TopP,
    /// Keeps the entries whose probability is at least `m` times the largest (Nguyen et al.,
    /// "Turning Up the Heat: Min-p Sampling for Creative and Coherent LLM Outputs",
    /// arXiv:2407.01082).
    MinP,
}

impl Filter {
    /// Its usual name: `top-k`, `top-p`, `min-p`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Filter::TopK => "top-k",
            Filter::TopP => "top-p",
            Filter::MinP => "min-p",
        }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One step of a sampler chain: dividing the logits by the temperature, or a filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// `x / T`.
    Temperature,
    /// A filter, on the probabilities the previous steps left (renormalised over the survivors).
    Filter(Filter),
}

/// The order an engine applies temperature and the filters in (a preset).
///
/// The filters themselves agree between the engines (top-p keeps an entry while the mass of
/// the entries more probable than it is `< p`; min-p keeps `p_i >= m·max p`); what differs is
/// whether they see tempered or raw probabilities, and what each filter was left by the one
/// before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// Hugging Face transformers' warpers: temperature, top-k, top-p, min-p.
    Hf,
    /// llama.cpp's default sampler chain: top-k, top-p, min-p on the raw logits, temperature
    /// last.
    LlamaCpp,
    /// vLLM (its V1 engine): temperature, min-p, top-k, top-p.
    Vllm,
}

impl Order {
    /// Every order, in the order a key cycles them.
    pub const ALL: [Order; 3] = [Order::Hf, Order::LlamaCpp, Order::Vllm];

    /// Its name on the command line: `hf`, `llama.cpp`, `vllm`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Order::Hf => "hf",
            Order::LlamaCpp => "llama.cpp",
            Order::Vllm => "vllm",
        }
    }

    /// The order called `name` (as [`Order::name`] spells it), or `None`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|order| order.name() == name)
    }

    /// The steps, first to last.
    #[must_use]
    pub fn steps(self) -> [Step; 4] {
        use Filter::{MinP, TopK, TopP};
        use Step::{Filter as F, Temperature as T};
        match self {
            // huggingface/transformers@src/transformers/generation/utils.py,
            // GenerationMixin._get_logits_processor, under `if generation_config.do_sample:`
            // (lines 1618-1634 in transformers 5.24.0): TemperatureLogitsWarper, then
            // TopKLogitsWarper, TopPLogitsWarper, MinPLogitsWarper ("Applied after temperature
            // scaling"), each appended only when set.
            Order::Hf => [T, F(TopK), F(TopP), F(MinP)],
            // ggml-org/llama.cpp@common/common.h, common_params_sampling::samplers (lines
            // 263-272 at commit 0c1e57098bba): penalties, dry, top_n_sigma, top_k, typical_p,
            // top_p, min_p, xtc, temperature; common/sampling.cpp builds the chain in that
            // order and appends the draw (dist) last. The ones between are off by default.
            Order::LlamaCpp => [F(TopK), F(TopP), F(MinP), T],
            // vllm-project/vllm@vllm/v1/sample/sampler.py, the Sampler docstring, step 7
            // (lines 41-47 at commit 3e342658b2e9; 98-105 in vLLM 0.33.0): "b) Apply
            // temperature. c) Apply logit processors which are argmax-invariant, by default the
            // min_p processor. d) Apply top_k and/or top_p." Sampler.sample does exactly that;
            // vllm/v1/sample/ops/topk_topp_sampler.py, apply_top_k_top_p, masks top-k first and
            // takes top-p over what top-k left.
            Order::Vllm => [T, F(MinP), F(TopK), F(TopP)],
        }
    }

    /// Whether top-k keeps every entry tied with the `k`-th (so more than `k` can survive), or
    /// exactly `k`.
    #[must_use]
    pub fn top_k_keeps_ties(self) -> bool {
        match self {
            // huggingface/transformers@src/transformers/generation/logits_process.py,
            // TopKLogitsWarper.__call__: `indices_to_remove = scores < torch.topk(scores,
            // top_k)[0][..., -1, None]` removes only what is below the k-th score.
            // vllm-project/vllm@vllm/v1/sample/ops/topk_topp_sampler.py, apply_top_k_top_p:
            // `top_k_mask = logits_sort < top_k_mask`, the same rule.
            Order::Hf | Order::Vllm => true,
            // ggml-org/llama.cpp@src/llama-sampler.cpp, llama_sampler_top_k_impl: a partial
            // sort, then `cur_p->size = k`: exactly k (which of tied entries is unspecified;
            // here the lower index).
            Order::LlamaCpp => false,
        }
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Order {
    type Err = SamplerError;

    fn from_str(name: &str) -> Result<Order, SamplerError> {
        Order::from_name(name).ok_or_else(|| SamplerError::UnknownOrder(name.to_owned()))
    }
}

/// A sampler setting out of range, or an unknown order.
#[derive(Clone, Debug, PartialEq)]
pub enum SamplerError {
    /// top-p outside `(0, 1]` (or NaN).
    TopP(f64),
    /// min-p outside `[0, 1]` (or NaN).
    MinP(f64),
    /// No order has this name.
    UnknownOrder(String),
}

impl fmt::Display for SamplerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SamplerError::TopP(p) => {
                write!(f, "top-p must be a number in (0, 1] (1 = off), got {p}")
            }
            SamplerError::MinP(m) => {
                write!(f, "min-p must be a number in [0, 1] (0 = off), got {m}")
            }
            SamplerError::UnknownOrder(name) => {
                let names: Vec<&str> = Order::ALL.iter().map(|order| order.name()).collect();
                write!(
                    f,
                    "unknown sampler order {name:?}: expected one of {}",
                    names.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for SamplerError {}

/// A sampler's settings: a temperature, top-k (`0` = off), top-p in `(0, 1]` (`1` = off), min-p
/// in `[0, 1]` (`0` = off) and the [`Order`] they are applied in. Valid by construction.
///
/// The off values are the engines' own: llama.cpp's common/common.h documents `top_k <= 0`,
/// `top_p = 1.0` and `min_p = 0.0` as disabled; transformers adds TopK only for `top_k != 0`
/// and TopP only for `top_p < 1.0`; vLLM's sampling_params.py: top_p "Set to 1 to consider all
/// tokens", top_k "Set to 0 (or -1)", min_p "Set to 0 to disable this".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SamplerSettings {
    temperature: Temperature,
    top_k: usize,
    top_p: f64,
    min_p: f64,
    order: Order,
}

impl Default for SamplerSettings {
    /// `T = 1`, every filter off, Hugging Face's order: the plain softmax.
    fn default() -> SamplerSettings {
        SamplerSettings {
            temperature: Temperature::ONE,
            top_k: 0,
            top_p: 1.0,
            min_p: 0.0,
            order: Order::Hf,
        }
    }
}

impl SamplerSettings {
    /// Settings from every value.
    ///
    /// # Errors
    /// [`SamplerError::TopP`] unless `0 < top_p <= 1`; [`SamplerError::MinP`] unless
    /// `0 <= min_p <= 1`.
    pub fn new(
        temperature: Temperature,
        top_k: usize,
        top_p: f64,
        min_p: f64,
        order: Order,
    ) -> Result<SamplerSettings, SamplerError> {
        SamplerSettings::default()
            .with_temperature(temperature)
            .with_top_k(top_k)
            .with_order(order)
            .with_top_p(top_p)?
            .with_min_p(min_p)
    }

    /// The same with another temperature.
    #[must_use]
    pub fn with_temperature(self, temperature: Temperature) -> SamplerSettings {
        SamplerSettings {
            temperature,
            ..self
        }
    }

    /// The same with another top-k (`0` = off).
    #[must_use]
    pub fn with_top_k(self, top_k: usize) -> SamplerSettings {
        SamplerSettings { top_k, ..self }
    }

    /// The same with another top-p (`1` = off).
    ///
    /// # Errors
    /// [`SamplerError::TopP`] unless `0 < top_p <= 1`.
    pub fn with_top_p(self, top_p: f64) -> Result<SamplerSettings, SamplerError> {
        if top_p > 0.0 && top_p <= 1.0 {
            Ok(SamplerSettings { top_p, ..self })
        } else {
            Err(SamplerError::TopP(top_p))
        }
    }

    /// The same with another min-p (`0` = off; `-0` reads as `0`).
    ///
    /// # Errors
    /// [`SamplerError::MinP`] unless `0 <= min_p <= 1`.
    pub fn with_min_p(self, min_p: f64) -> Result<SamplerSettings, SamplerError> {
        if (0.0..=1.0).contains(&min_p) {
            Ok(SamplerSettings {
                min_p: min_p + 0.0,
                ..self
            })
        } else {
            Err(SamplerError::MinP(min_p))
        }
    }

    /// The same in another order.
    #[must_use]
    pub fn with_order(self, order: Order) -> SamplerSettings {
        SamplerSettings { order, ..self }
    }

    /// The temperature.
    #[must_use]
    pub fn temperature(&self) -> Temperature {
        self.temperature
    }

    /// top-k (`0` = off).
    #[must_use]
    pub fn top_k(&self) -> usize {
        self.top_k
    }

    /// top-p (`1` = off).
    #[must_use]
    pub fn top_p(&self) -> f64 {
        self.top_p
    }

    /// min-p (`0` = off).
    #[must_use]
    pub fn min_p(&self) -> f64 {
        self.min_p
    }

    /// The order.
    #[must_use]
    pub fn order(&self) -> Order {
        self.order
    }

    /// Whether `filter` is on (not at its off value).
    #[must_use]
    pub fn is_on(&self, filter: Filter) -> bool {
        match filter {
            Filter::TopK => self.top_k > 0,
            Filter::TopP => self.top_p < 1.0,
            Filter::MinP => self.min_p > 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_have_names_and_steps() {
        for order in Order::ALL {
            assert_eq!(Order::from_name(order.name()), Some(order));
            assert_eq!(order.name().parse::<Order>(), Ok(order));
            assert_eq!(order.to_string(), order.name());
            let steps = order.steps();
            assert!(steps.contains(&Step::Temperature));
            for filter in [Filter::TopK, Filter::TopP, Filter::MinP] {
                assert!(steps.contains(&Step::Filter(filter)));
            }
        }
        assert_eq!(Order::from_name("llama.cpp"), Some(Order::LlamaCpp));
        assert_eq!(Order::LlamaCpp.steps()[3], Step::Temperature);
        assert_eq!(Order::Hf.steps()[0], Step::Temperature);
        assert_eq!(Order::Vllm.steps()[1], Step::Filter(Filter::MinP));
        assert_eq!(Order::from_name("HF"), None);
        let error = "transformers".parse::<Order>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown sampler order \"transformers\": expected one of hf, llama.cpp, vllm"
        );
    }

    #[test]
    fn settings_are_validated_with_the_bad_value_named() {
        let t = Temperature::new(0.7).unwrap();
        let settings = SamplerSettings::new(t, 40, 0.95, 0.05, Order::LlamaCpp).unwrap();
        assert_eq!(settings.temperature(), t);
        assert_eq!(
            (settings.top_k(), settings.top_p(), settings.min_p()),
            (40, 0.95, 0.05)
        );
        assert_eq!(settings.order(), Order::LlamaCpp);
        for p in [0.0, -0.1, 1.0001, f64::NAN, f64::INFINITY] {
            let error = SamplerSettings::default().with_top_p(p).unwrap_err();
            assert!(matches!(error, SamplerError::TopP(q) if q.to_bits() == p.to_bits()));
            assert!(error.to_string().contains(&p.to_string()), "{error}");
        }
        for m in [-0.1, 1.5, f64::NAN, f64::NEG_INFINITY] {
            let error = SamplerSettings::default().with_min_p(m).unwrap_err();
            assert!(error.to_string().starts_with("min-p must be"), "{error}");
            assert!(error.to_string().ends_with(&m.to_string()), "{error}");
        }
        assert_eq!(
            SamplerSettings::default()
                .with_min_p(-0.0)
                .unwrap()
                .min_p()
                .to_bits(),
            0
        );
        assert!(SamplerSettings::default().with_top_p(1.0).is_ok());
        assert!(SamplerSettings::default().with_min_p(1.0).is_ok());
    }

    #[test]
    fn the_off_values_turn_filters_off() {
        let off = SamplerSettings::default();
        for filter in [Filter::TopK, Filter::TopP, Filter::MinP] {
            assert!(!off.is_on(filter), "{filter}");
        }
        let on = off
            .with_top_k(1)
            .with_top_p(0.5)
            .unwrap()
            .with_min_p(0.1)
            .unwrap();
        for filter in [Filter::TopK, Filter::TopP, Filter::MinP] {
            assert!(on.is_on(filter), "{filter}");
        }
    }
}
