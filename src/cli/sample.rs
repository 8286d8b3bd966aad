//! `actscope sample`: what a sampler keeps of a vector of logits.
//!
//! For each element the plain softmax at the temperature, the filter that removed it (or `kept`)
//! and the final probability, with seeded draws beside the expected counts; then the kept mass, the
//! entropy and the effective number of choices before and after, the order's steps, and a note when
//! another engine's order keeps a different set. As a table or one JSON document.

use std::io::{Read, Write};

use serde_json::{Map, Value, json};

use super::args::{MAX_SAMPLE_DRAWS, step_name};
use super::input::read_vector;
use super::output::{label_column, write_table};
use super::settings::{draws, sampler_settings};
use super::{Error, SampleArgs};
use crate::app::Draws;
use crate::format::{self, full_precision};
use crate::input::Vector;
use crate::kernel::{self, Filter, Level, Order, Sampled, SamplerSettings, Step, Temperature};

pub(super) fn run(
    args: &SampleArgs,
    level: Level,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let settings = sampler_settings(args.temperature.as_deref(), &args.sampler)?;
    let draws = draws(
        args.draws.as_deref(),
        args.seed.as_deref(),
        MAX_SAMPLE_DRAWS,
    )?;
    let vector = read_vector(&args.xs, &args.source, stdin)?;
    let report = Report::new(level, &vector, settings, draws);
    if args.json {
        serde_json::to_writer(&mut *out, &report.json())?;
        writeln!(out)?;
        Ok(())
    } else {
        report.write_text(out)
    }
}

/// Whether `order` runs the filters before the temperature (on the raw logits).
fn filters_first(order: Order) -> bool {
    order.steps()[0] != Step::Temperature
}

/// Everything the output shows.
struct Report<'a> {
    vector: &'a Vector,
    settings: SamplerSettings,
    sampled: Sampled,
    /// Every other order and the elements it keeps.
    others: Vec<(Order, Vec<bool>)>,
    /// The draws asked for and their counts.
    draws: Option<(Draws, Vec<u64>)>,
    /// When the order filters before the temperature (llama.cpp) and `T != 1`: the softmax at
    /// `T = 1`, what the filters see.
    raw: Option<Vec<f64>>,
}

impl<'a> Report<'a> {
    fn new(
        level: Level,
        vector: &'a Vector,
        settings: SamplerSettings,
        draws: Option<Draws>,
    ) -> Report<'a> {
        let xs = &vector.values;
        let sampled = kernel::sample_distribution(level, xs, &settings);
        let others = Order::ALL
            .into_iter()
            .filter(|&order| order != settings.order())
            .map(|order| {
                let kept = kernel::survivors(level, xs, &settings.with_order(order));
                (order, kept)
            })
            .collect();
        let draws = draws.map(|d| (d, kernel::draw(&sampled.probabilities, d.count, d.seed)));
        let raw = (filters_first(settings.order()) && settings.temperature() != Temperature::ONE)
            .then(|| {
                let mut p = vec![0.0; xs.len()];
                kernel::softmax(level, xs, Temperature::ONE, &mut p);
                p
            });
        Report {
            vector,
            settings,
            sampled,
            others,
            draws,
            raw,
        }
    }

    fn kept(&self) -> Vec<bool> {
        self.sampled.survivors()
    }

    /// Whether some other order keeps a different set.
    fn orders_disagree(&self) -> bool {
        let kept = self.kept();
        self.others.iter().any(|(_, other)| *other != kept)
    }

    fn json(&self) -> Value {
        let s = &self.settings;
        let sampled = &self.sampled;
        let removed_by: Vec<Option<&str>> = sampled
            .removed_by
            .iter()
            .map(|f| f.map(Filter::name))
            .collect();
        let stages: Vec<Value> = sampled
            .stages
            .iter()
            .map(|stage| json!({"filter": stage.filter.name(), "kept": stage.kept}))
            .collect();
        let kept = self.kept();
        let mut others = Map::new();
        for (order, other) in &self.others {
            others.insert(
                order.name().to_string(),
                json!({"kept": other, "kept_count": count(other)}),
            );
        }
        let steps: Vec<&str> = s.order().steps().into_iter().map(step_name).collect();
        let mut document = json!({
            "input": self.vector.values,
            "temperature": s.temperature().get(),
            "top_k": s.top_k(),
            "top_p": s.top_p(),
            "min_p": s.min_p(),
            "order": s.order().name(),
            "steps": steps,
            "plain": sampled.plain,
            "probabilities": sampled.probabilities,
            "kept": kept,
            "kept_count": count(&kept),
            "removed_by": removed_by,
            "stages": stages,
            "kept_mass": sampled.kept_mass,
            "entropy_before": sampled.entropy_before,
            "entropy_after": sampled.entropy_after,
            "effective_choices_before": sampled.effective_choices_before(),
            "effective_choices_after": sampled.effective_choices_after(),
            "orders_disagree": self.orders_disagree(),
            "other_orders": others,
        });
        if let Some(labels) = &self.vector.labels {
            document["labels"] = json!(labels);
        }
        if let Some((draws, counts)) = &self.draws {
            document["draws"] = json!(draws.count);
            document["seed"] = json!(draws.seed);
            document["counts"] = json!(counts);
        }
        document
    }

    fn write_text(&self, out: &mut dyn Write) -> Result<(), Error> {
        let sampled = &self.sampled;
        let xs = &self.vector.values;
        let header = ["i", "x", "p (plain)", "filter", "p (final)"].map(String::from);
        let rows: Vec<[String; 5]> = (0..xs.len())
            .map(|i| {
                [
                    i.to_string(),
                    full_precision(xs[i]),
                    format::percent(sampled.plain[i]),
                    sampled.removed_by[i]
                        .map_or("kept", Filter::name)
                        .to_string(),
                    format::percent(sampled.probabilities[i]),
                ]
            })
            .collect();
        let (mut header, mut rows) = label_column(header, rows, self.vector.labels.as_deref(), 1);
        if let Some(raw) = &self.raw {
            // The filters run on the raw logits: show what they see, before p at T.
            let at = header.len() - 3;
            header.insert(at, "p at T=1 (filters)".to_string());
            for (row, p) in rows.iter_mut().zip(raw) {
                row.insert(at, format::percent(*p));
            }
        }
        if let Some((draws, counts)) = &self.draws {
            header.extend(["count".to_string(), "expected".to_string()]);
            for (i, row) in rows.iter_mut().enumerate() {
                let expected = draws.count as f64 * sampled.probabilities[i];
                row.extend([counts[i].to_string(), expected_count(expected)]);
            }
        }
        write_table(out, &header, &rows)?;
        self.write_summary(out)
    }

    fn write_summary(&self, out: &mut dyn Write) -> Result<(), Error> {
        let sampled = &self.sampled;
        let kept = count(&self.kept());
        writeln!(
            out,
            "steps ({}): {}",
            self.settings.order(),
            self.steps_text()
        )?;
        writeln!(
            out,
            "the filters keep {} of {}, {} of the plain mass",
            format::grouped(kept),
            format::grouped(self.vector.values.len()),
            format::percent(sampled.kept_mass)
        )?;
        writeln!(
            out,
            "entropy {} nats before, {} after",
            full_precision(sampled.entropy_before),
            full_precision(sampled.entropy_after),
        )?;
        writeln!(
            out,
            "effective choices exp(H) {} before, {} after",
            full_precision(sampled.effective_choices_before()),
            full_precision(sampled.effective_choices_after()),
        )?;
        if self.raw.is_some() {
            writeln!(
                out,
                "{} runs the filters on the raw logits (p at T=1), the temperature after them",
                self.settings.order()
            )?;
        }
        if let Some((draws, _)) = &self.draws {
            writeln!(
                out,
                "{} draws with seed {} (expected: draws × p (final))",
                format::grouped(draws.count),
                draws.seed
            )?;
        }
        if self.orders_disagree() {
            let mut counts = vec![format!("{} keeps {}", self.settings.order(), kept)];
            counts.extend(
                self.others
                    .iter()
                    .map(|(order, other)| format!("{order} keeps {}", count(other))),
            );
            let differing: Vec<String> = self
                .others
                .iter()
                .filter(|(_, other)| *other != self.kept())
                .map(|(order, _)| format!("--order {order}"))
                .collect();
            writeln!(
                out,
                "note: the orders keep different sets here: {} (see {})",
                counts.join(", "),
                differing.join(" or ")
            )?;
        }
        Ok(())
    }

    /// The order's steps with their settings: `temperature 0.5, top-k 2, top-p off, min-p 0.1`.
    fn steps_text(&self) -> String {
        let s = &self.settings;
        let steps: Vec<String> = s
            .order()
            .steps()
            .into_iter()
            .map(|step| {
                let name = step_name(step);
                let value = match step {
                    Step::Temperature => full_precision(s.temperature().get()),
                    Step::Filter(filter) if !s.is_on(filter) => "off".to_string(),
                    Step::Filter(Filter::TopK) => s.top_k().to_string(),
                    Step::Filter(Filter::TopP) => full_precision(s.top_p()),
                    Step::Filter(Filter::MinP) => full_precision(s.min_p()),
                };
                format!("{name} {value}")
            })
            .collect();
        steps.join(", ")
    }
}

/// How many are `true`.
/// An expected count written as the counts beside it are, in plain digits (`9003057.317038046`
/// beside `8999903`, not `9.003057317038046e6`; `500`, not `500.0`): at most 1e8, the most
/// draws. Below 1e-4, where the count is 0, in exponent form, as the number rule has it
/// (`2.5e-7`), not a run of zeros.
fn expected_count(expected: f64) -> String {
    if expected == 0.0 || expected >= 1e-4 {
        format!("{expected}")
    } else {
        full_precision(expected)
    }
}

fn count(kept: &[bool]) -> usize {
    kept.iter().filter(|&&k| k).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::Temperature;

    fn report(values: &[f64], settings: SamplerSettings, draws: Option<Draws>) -> String {
        let vector = Vector {
            values: values.to_vec(),
            labels: Some(vec!["cat".into(), "dog".into(), "New York".into()]),
        };
        let mut out = Vec::new();
        Report::new(Level::best(), &vector, settings, draws)
            .write_text(&mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_table_and_summary() {
        let settings = SamplerSettings::default()
            .with_temperature(Temperature::new(0.5).unwrap())
            .with_top_k(2);
        let text = report(
            &[1.2, 0.9, 0.4],
            settings,
            Some(Draws {
                count: 1000,
                seed: 3,
            }),
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with("i  label     x    p (plain)  filter  p (final)  count  expected"),
            "{text}"
        );
        assert!(lines[1].starts_with("0  cat       1.2  "), "{text}");
        assert!(lines[3].contains("top-k   0 %"), "{text}");
        assert_eq!(
            lines[4],
            "steps (hf): temperature 0.5, top-k 2, top-p off, min-p off"
        );
        assert!(lines[5].starts_with("the filters keep 2 of 3, "), "{text}");
        assert!(lines[6].starts_with("entropy "), "{text}");
        assert!(lines[7].starts_with("effective choices exp(H) "), "{text}");
        assert_eq!(
            lines[8],
            "1,000 draws with seed 3 (expected: draws × p (final))"
        );
        assert_eq!(lines.len(), 9, "{text}");
    }

    #[test]
    fn expected_counts_are_plain_as_the_counts() {
        let table = [
            (9_003_057.317_038_046, "9003057.317038046"),
            (1e8, "100000000"),
            (500.0, "500"),
            (0.25, "0.25"),
            (0.0, "0"),
            (2.5e-7, "2.5e-7"),
        ];
        for (expected, want) in table {
            assert_eq!(expected_count(expected), want);
        }
    }

    #[test]
    fn a_note_when_the_orders_disagree() {
        // At T = 0.5 top-p 0.5 keeps one entry after the temperature, two before it.
        let settings = SamplerSettings::default()
            .with_temperature(Temperature::new(0.5).unwrap())
            .with_top_p(0.5)
            .unwrap();
        let xs = [1.2, 0.9, 0.4];
        assert!(kernel::orders_disagree(Level::best(), &xs, &settings));
        let text = report(&xs, settings, None);
        let note = text.lines().last().unwrap();
        assert_eq!(
            note,
            "note: the orders keep different sets here: hf keeps 1, llama.cpp keeps 2, vllm \
             keeps 1 (see --order llama.cpp)"
        );
        let text = report(&xs, SamplerSettings::default(), None);
        assert!(!text.contains("note:"), "{text}");
    }
}
