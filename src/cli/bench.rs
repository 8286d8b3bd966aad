//! `actscope bench`: nanoseconds per element of every kernel on this machine.

use std::io::Write;

use serde_json::json;

use super::Error;
use super::output::write_table;
use crate::kernel::Level;

/// Time per kernel run the bench spends, at most.
const BENCH_BUDGET: std::time::Duration = std::time::Duration::from_millis(300);

pub(super) fn run(
    level: Level,
    size: usize,
    json: bool,
    kernels: Option<&[String]>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if !(1..=100_000_000).contains(&size) {
        return Err(Error::BadInput(format!(
            "--size: {size} elements; choose 1 to 100000000"
        )));
    }
    let known = crate::bench::kernel_names();
    if let Some(unknown) = kernels
        .unwrap_or_default()
        .iter()
        .find(|k| !known.contains(&k.as_str()))
    {
        return Err(Error::BadInput(format!(
            "--kernels: unknown kernel {unknown:?}; valid: {}",
            known.join(", ")
        )));
    }
    let report = crate::bench::run(level, size, BENCH_BUDGET, kernels);
    let entry = |t: &crate::bench::Timing| json!({"name": t.name, "ns_per_element": t.ns_per_element, "runs": t.runs});
    if json {
        let document = json!({
            "size": report.size,
            "level": report.level,
            "values": report.values.iter().map(entry).collect::<Vec<_>>(),
            "derivatives": report.derivatives.iter().map(entry).collect::<Vec<_>>(),
            "softmax": report.softmax.iter().map(entry).collect::<Vec<_>>(),
        });
        serde_json::to_writer(&mut *out, &document)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} elements, {} kernels, median ns per element",
        report.size, report.level
    )?;
    let relu = report
        .values
        .iter()
        .find(|t| t.name == "relu")
        .map_or(1.0, |t| t.ns_per_element);
    let header = ["kernel", "f(x)", "f'(x)", "f(x) vs relu"].map(String::from);
    let mut rows: Vec<[String; 4]> = report
        .values
        .iter()
        .zip(&report.derivatives)
        .map(|(v, d)| {
            [
                v.name.clone(),
                format!("{:.2}", v.ns_per_element),
                format!("{:.2}", d.ns_per_element),
                format!("{:.1}x", v.ns_per_element / relu),
            ]
        })
        .collect();
    for t in &report.softmax {
        rows.push([
            t.name.clone(),
            format!("{:.2}", t.ns_per_element),
            "-".into(),
            format!("{:.1}x", t.ns_per_element / relu),
        ]);
    }
    write_table(out, &header, &rows)
}
