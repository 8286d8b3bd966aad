#!/usr/bin/env python3
"""The reference values of erfc(z) in its tail for the kernel's test `libm_erfc_is_within_an_ulp_in_the_tail`
(kernel/src/scalar/gaussian.rs): z from 5 to 26.5, each the f64 nearest the decimal written, erfc
evaluated by mpmath at 60 digits and written as a double-double `hi + lo` (hi the nearest f64,
lo the nearest f64 to the rest), printed as Rust `(z, hi, lo)` triples.

    python3 scripts/erfc_tail.py
"""
import mpmath as mp


def rust(v):
    """repr(v) with Rust's digit separators (groups of three), as clippy asks for."""
    text = repr(v)
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    whole = "_".join(whole[max(0, i - 3):i] for i in range(len(whole), 0, -3)[::-1])
    fraction = "_".join(fraction[i:i + 3] for i in range(0, len(fraction), 3))
    return sign + whole + ("." + fraction if fraction else "") + ("e" + exponent if exponent else "")


def main():
    mp.mp.dps = 60
    zs = [5 + 0.75 * i for i in range(29)] + [5.3, 7.77, 11.11, 13.7, 17.25, 19.9, 21.5, 23.94, 24.7,
                                             25.3, 25.999, 26.2, 26.45, 26.5, 26.54]
    for z in sorted(set(zs)):
        z = float(repr(round(z, 6)))
        exact = mp.erfc(mp.mpf(z))
        hi = float(exact)
        lo = float(exact - mp.mpf(hi))
        print("    (%s, %s, %s)," % (rust(z), rust(hi), rust(lo)))


if __name__ == "__main__":
    main()
