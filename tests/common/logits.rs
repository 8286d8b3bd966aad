//! The 50,000 seeded logits that the render tests and the render bench draw.
//!
//! `benches/render.rs` includes this file by `#[path]`, so it uses nothing else from `common`.

/// 50,000 logits as a language model's might be: most near 0, four far ahead (seeded, so every
/// run draws the same).
pub fn logits() -> Vec<f64> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut uniform = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut values: Vec<f64> = (0..50_000)
        .map(|_| {
            // A sum of four uniforms: roughly normal, spread 2.
            (0..4).map(|_| uniform()).sum::<f64>() * 3.5 - 7.0
        })
        .collect();
    for (i, v) in [(123, 14.5), (4567, 13.9), (999, 13.2), (31_337, 12.0)] {
        values[i] = v;
    }
    values
}
