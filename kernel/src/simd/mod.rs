//! The SIMD layer: slice kernels at the hardware's pace, written so the compiler vectorises them.
//!
//! For AVX-512 or AVX2 with FMA, within the same ulp bounds as the scalar formulas they reuse.
//!
//! Which instructions run is a [`Level`], chosen by the caller: [`Level::best`] detects what this
//! CPU has; [`Level::named`] holds it lower (for comparing paths). A `Level` can only be made by
//! those two, so a level above what the CPU supports cannot be asked for.
//!
//! `unsafe` appears only here and in the files below, to call a `#[target_feature]` function
//! after the feature was detected, each call with its SAFETY note.
#![allow(unsafe_code)]
// Every helper must be inlined into the #[target_feature] functions to be compiled for them.
#![allow(clippy::inline_always)]

pub(crate) mod elementwise;
pub(crate) mod exp;
mod exponential;
mod gaussian;
mod logarithm;
pub(crate) mod softmax;

/// Which instructions the slice kernels use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(Isa);

/// The instruction sets, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Isa {
    /// No FMA: the scalar code.
    Scalar,
    /// AVX2 with FMA: 4 lanes.
    Avx2,
    /// AVX-512: 8 lanes.
    Avx512,
}

impl Level {
    /// The scalar code, on every CPU.
    pub const SCALAR: Level = Level(Isa::Scalar);

    /// The best level this CPU supports (detected once per process).
    #[must_use]
    pub fn best() -> Level {
        static BEST: std::sync::OnceLock<Level> = std::sync::OnceLock::new();
        *BEST.get_or_init(detect)
    }

    /// The level called `name` (`scalar`, `avx2`, `avx512`), held to what this CPU supports;
    /// `None` for any other name.
    #[must_use]
    pub fn named(name: &str) -> Option<Level> {
        let wanted = match name {
            "scalar" => Isa::Scalar,
            "avx2" => Isa::Avx2,
            "avx512" => Isa::Avx512,
            _ => return None,
        };
        Some(Level::best().min(Level(wanted)))
    }

    /// Every level this CPU can run, lowest first.
    #[must_use]
    pub fn available() -> Vec<Level> {
        [Isa::Scalar, Isa::Avx2, Isa::Avx512]
            .into_iter()
            .map(Level)
            .filter(|&level| level <= Level::best())
            .collect()
    }

    /// Its name, as `actscope bench` reports it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self.0 {
            Isa::Scalar => "scalar",
            Isa::Avx2 => "avx2+fma",
            Isa::Avx512 => "avx512",
        }
    }
}

/// The best level this CPU supports (run-time detection).
fn detect() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        let avx2 = std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("fma");
        if avx2
            && std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl")
        {
            return Level(Isa::Avx512);
        }
        if avx2 {
            return Level(Isa::Avx2);
        }
    }
    Level(Isa::Scalar)
}

/// Runs `$body` (an expression using only `#[inline(always)]` helpers) compiled for `$level`, or
/// `$fallback` at the scalar level.
macro_rules! dispatch {
    ($level:expr, fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block else $fallback:block) => {{
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
        fn avx512($($arg: $ty),*) -> $ret $body
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2,fma")]
        fn avx2($($arg: $ty),*) -> $ret $body
        match $level {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: a Level above Scalar is only made by detect(), which found avx512f,
            // avx512dq, avx512vl, avx2 and fma on this CPU for Avx512 (Level::named only lowers).
            $crate::simd::Level($crate::simd::Isa::Avx512) => unsafe { avx512($($arg),*) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: as above: detect() found avx2 and fma on this CPU.
            $crate::simd::Level($crate::simd::Isa::Avx2) => unsafe { avx2($($arg),*) },
            _ => $fallback,
        }
    }};
}
pub(crate) use dispatch;

pub use elementwise::{Kernel, map};
pub use softmax::{exp_sum, log_softmax, naive_softmax, softmax};
