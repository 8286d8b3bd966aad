//! Tests of the precision models: saturation, overflow, and where the frameworks' models differ.

use super::*;

fn at(
    framework: Framework,
    precision: Precision,
    a: Activation,
    x: f64,
) -> (Evaluation, Evaluation) {
    evaluate(framework, precision, a, x, a.default_param())
}

#[test]
fn f32_sigmoid_is_exactly_one_past_16_6_in_both_models() {
    for framework in Framework::ALL {
        let (y, _) = at(framework, Precision::F32, Activation::Sigmoid, 16.0);
        assert!(y.value < 1.0);
        let (y, dy) = at(framework, Precision::F32, Activation::Sigmoid, 17.0);
        assert_eq!((y.value, y.flag), (1.0, Flag::Saturated));
        // and its gradient s(1 - s) is then exactly 0, where f32 could hold 4.1e-8
        assert_eq!((dy.value, dy.flag), (0.0, Flag::Saturated));
        assert_eq!(
            at(framework, Precision::F32, Activation::Sigmoid, 0.5)
                .0
                .flag,
            Flag::Fine
        );
    }
    // f64 is the kernel, which holds on until about 36.7
    let (y, dy) = at(Framework::NumPy, Precision::F64, Activation::Sigmoid, 30.0);
    assert!(y.value < 1.0 && dy.value > 0.0);
    assert_eq!((y.flag, dy.flag), (Flag::Fine, Flag::Fine));
}

#[test]
fn the_two_models_break_differently() {
    // NumPy: np.exp(20) overflows f16, so 1 / (1 + inf) = 0; the exact 2.1e-9 is below f16
    // too, so the result is an underflow, whatever happened inside.
    let (numpy, _) = at(Framework::NumPy, Precision::F16, Activation::Sigmoid, -20.0);
    assert_eq!((numpy.value, numpy.flag), (0.0, Flag::Underflow));
    // In f32 the 1 / (1 + inf) = 0 is wrong (sigmoid(-89) = 2.2e-39 is an f32 subnormal).
    let (numpy, _) = at(Framework::NumPy, Precision::F32, Activation::Sigmoid, -89.0);
    assert_eq!((numpy.value, numpy.flag), (0.0, Flag::Overflow));
    // PyTorch computes in f32 (e^20 is fine there) and rounds 2.1e-9 to f16's 0.
    let (torch, dy) = at(
        Framework::PyTorch,
        Precision::F16,
        Activation::Sigmoid,
        -20.0,
    );
    assert_eq!((torch.value, torch.flag), (0.0, Flag::Underflow));
    assert_eq!((dy.value, dy.flag), (0.0, Flag::Underflow));
    // Softplus: NumPy has no threshold, exp(12) = 162755 is past f16's 65504.
    let (numpy, _) = at(Framework::NumPy, Precision::F16, Activation::Softplus, 12.0);
    assert_eq!((numpy.value, numpy.flag), (f64::INFINITY, Flag::Overflow));
    let (torch, _) = at(
        Framework::PyTorch,
        Precision::F16,
        Activation::Softplus,
        12.0,
    );
    assert_eq!((torch.value, torch.flag), (12.0, Flag::Fine));
    let (numpy, _) = at(Framework::NumPy, Precision::F32, Activation::Softplus, 12.0);
    assert_eq!(numpy.flag, Flag::Fine);
    // PyTorch's mish at 100: e^100 overflows f32 inside; the result is still right.
    let (torch, _) = at(Framework::PyTorch, Precision::F32, Activation::Mish, 100.0);
    assert_eq!((torch.value, torch.flag), (100.0, Flag::OverflowInside));
    for framework in Framework::ALL {
        let (y, dy) = at(framework, Precision::F32, Activation::Mish, 89.0);
        assert_eq!(
            (y.value, y.flag),
            (89.0, Flag::OverflowInside),
            "{framework:?}"
        );
        assert_eq!(
            (dy.value, dy.flag),
            (1.0, Flag::OverflowInside),
            "{framework:?}"
        );
    }
    // x² past f16's range
    let (squared, _) = at(
        Framework::PyTorch,
        Precision::F16,
        Activation::SquaredRelu,
        300.0,
    );
    assert_eq!(
        (squared.value, squared.flag),
        (f64::INFINITY, Flag::Overflow)
    );
}

#[test]
fn numpy_f32_tanh_stops_short_of_one_below_ten() {
    let below_one = 1.0 - 2f64.powi(-24);
    let (t, dt) = at(Framework::NumPy, Precision::F32, Activation::Tanh, -9.5);
    assert_eq!(t.value, -below_one);
    assert_eq!(
        dt.value,
        2f64.powi(-23),
        "1 - t² with t = 1 - 2^-24, rounded to f32"
    );
    assert_eq!(
        at(Framework::NumPy, Precision::F32, Activation::Tanh, 10.0)
            .0
            .value,
        1.0
    );
    // PyTorch (MKL) returns the correctly rounded 1 there.
    let (t, dt) = at(Framework::PyTorch, Precision::F32, Activation::Tanh, 9.5);
    assert_eq!((t.value, t.flag), (1.0, Flag::Saturated));
    assert_eq!((dt.value, dt.flag), (0.0, Flag::Saturated));
}

#[test]
fn numpy_gelu_on_float16_is_float64_as_scipy_makes_it() {
    // The numbers: gelu(-3) and gelu(-5) of the float16 code, which returns float64
    // (tests/data/frameworks/act_f16_gelu.tsv, NumPy 2.4.6 with SciPy 1.17.1).
    let gelu = Activation::Gelu;
    let both = |format| ResultPrecision {
        value: format,
        derivative: format,
    };
    assert_eq!(
        result_precision(Framework::NumPy, Precision::F16, gelu, 0.0),
        both(Precision::F64)
    );
    assert_eq!(
        result_precision(Framework::PyTorch, Precision::F16, gelu, 0.0),
        both(Precision::F16)
    );
    let (y, dy) = at(Framework::NumPy, Precision::F16, gelu, -3.0);
    assert_eq!(y.value, -0.004_053_956_723_315_044);
    assert_eq!(dy.value, -0.011_946_715_760_197_069);
    let (y, _) = at(Framework::NumPy, Precision::F16, gelu, -5.0);
    assert_eq!((y.value, y.flag), (-1.437_233_346_501_809_5e-6, Flag::Fine));
    // Past about -8.3, erf(x / sqrt 2) is -1 even in float64: 1 + erf cancels to 0, a
    // saturation inside (the exact value, -1e-15 at x = -8.5, is a float64 number).
    let (y, _) = at(Framework::NumPy, Precision::F16, gelu, -8.5);
    assert_eq!((y.value, y.flag), (0.0, Flag::Saturated));
    assert!(y.value.is_sign_negative());
    // float32 arrays take SciPy's float32 loop; a bfloat16 array meets the Python float
    // math.sqrt(2) and is float32 from there on: the float32 code on the bfloat16 input
    assert_eq!(
        at(Framework::NumPy, Precision::F32, gelu, -3.0).0.value,
        f64::from(-0.004_049_688_6_f32)
    );
    let (y, dy) = at(Framework::NumPy, Precision::Bf16, gelu, -5.0);
    assert_eq!((y.format, dy.format), (Precision::F32, Precision::F32));
    assert_eq!(y, at(Framework::NumPy, Precision::F32, gelu, -5.0).0);
    assert!(y.value < 0.0 && y.flag == Flag::Fine);
    let f16 = formula(Framework::NumPy, Precision::F16, gelu, 0.0);
    assert!(f16.value.contains("float64") && f16.derivative.contains("float64"));
    assert!(
        !formula(Framework::NumPy, Precision::F32, gelu, 0.0)
            .value
            .contains("float64")
    );
}

#[test]
fn a_zero_from_a_saturated_function_is_not_an_underflow() {
    // f16 gelu_tanh(-4): tanh(-5.47) rounds to -1 in f16, 1 + tanh = 0; the exact value,
    // -7.02e-5, is an f16 number (a subnormal): the tanh saturated.
    let (y, _) = at(Framework::NumPy, Precision::F16, Activation::GeluTanh, -4.0);
    assert_eq!((y.value, y.flag), (0.0, Flag::Saturated));
    // At -6 the exact value, -8.4e-11, is below f16's smallest subnormal (6e-8): the 0 is
    // what f16 holds, an underflow, whatever saturated on the way.
    let (y, _) = at(Framework::NumPy, Precision::F16, Activation::GeluTanh, -6.0);
    assert_eq!((y.value, y.flag), (0.0, Flag::Underflow));
    // mish(-20) in f16: e^-20 underflows to 0 inside, and the result is 0 where the exact
    // -4.1e-8 rounds to f16's smallest subnormal: an underflow.
    let (y, _) = at(Framework::NumPy, Precision::F16, Activation::Mish, -20.0);
    assert_eq!((y.value, y.flag), (0.0, Flag::Underflow));
}

#[test]
fn pytorch_keeps_the_sign_of_zero_and_its_vectorised_rounding() {
    // torch.relu / F.relu6 / F.hardtanh return x itself at ±0 (a negative f16 input that
    // rounds to -0 stays -0), 0 below it.
    for a in [Activation::Relu, Activation::Relu6, Activation::HardTanh] {
        let (y, _) = at(Framework::PyTorch, Precision::F16, a, -1e-8);
        assert!(y.value == 0.0 && y.value.is_sign_negative(), "{a:?}");
    }
    let (y, _) = at(Framework::PyTorch, Precision::F32, Activation::Relu, -1.0);
    assert!(y.value == 0.0 && y.value.is_sign_positive());
    // softplus(-3) on a float32 tensor: log1p(exp(-3)) with SLEEF's functions gives the
    // correctly rounded 0.04858735203742981 (a correctly rounded exp then log1p, rounded twice,
    // gives 0.04858734831213951).
    let (y, _) = at(
        Framework::PyTorch,
        Precision::F32,
        Activation::Softplus,
        -3.0,
    );
    assert_eq!(y.value, 0.048_587_352_037_429_81);
}

#[test]
fn the_clamps_pass_nan_through_in_both_models() {
    // np.minimum(np.maximum(x, 0), 6), np.clip, torch.clamp: NaN in, NaN out (not 6 or ±1)
    for framework in Framework::ALL {
        for precision in [Precision::F32, Precision::F16, Precision::Bf16] {
            for a in [Activation::Relu6, Activation::HardTanh] {
                let (y, _) = at(framework, precision, a, f64::NAN);
                assert!(y.value.is_nan(), "{framework:?} {precision:?} {a:?}");
            }
        }
    }
}

#[test]
fn f64_tails_do_not_hide_saturation() {
    // tanh(25) is 1.0 even in f64; the exact value is not, so f32's 1 is still saturated.
    let (t, _) = at(Framework::PyTorch, Precision::F32, Activation::Tanh, 25.0);
    assert_eq!(t.flag, Flag::Saturated);
    // relu6 and hard tanh really are 1 at 1.
    for a in [Activation::Relu6, Activation::HardTanh, Activation::Relu] {
        assert_eq!(
            at(Framework::NumPy, Precision::F16, a, 1.0).0.flag,
            Flag::Fine
        );
    }
    // an input too small for the format underflows
    let (y, _) = at(Framework::NumPy, Precision::F16, Activation::Relu, 1e-9);
    assert_eq!((y.value, y.flag), (0.0, Flag::Underflow));
}

#[test]
fn softmax_forms_in_each_model() {
    for framework in Framework::ALL {
        let naive = naive_softmax(framework, Precision::F16, &[12.0, 1.0], 1.0);
        assert!(naive[0].is_nan(), "{framework:?}: f16 exp(12) overflows");
        assert!(naive_softmax(framework, Precision::F32, &[12.0, 1.0], 1.0)[0] > 0.99);
        let stable = stable_softmax(framework, Precision::F16, &[900.0, 1000.0, 1000.0], 1.0);
        assert_eq!(stable, [0.0, 0.5, 0.5]);
        let log = naive_log_softmax(framework, Precision::F32, &[0.0, -120.0], 1.0);
        assert_eq!(log[1], f64::NEG_INFINITY, "e^-120 underflows in f32");
        let log = stable_log_softmax(framework, Precision::F32, &[0.0, -120.0], 1.0);
        assert_eq!(log[1], -120.0);
    }
    let forms = softmax_forms(Framework::NumPy, Precision::F16, &[1.2, 0.9, 0.4], 1.0);
    // the reference data's first row (NumPy 2.4.6)
    assert_eq!(
        forms.probabilities,
        [0.456_787_109_375, 0.338_378_906_25, 0.205_200_195_312_5]
    );
    let torch = stable_softmax(Framework::PyTorch, Precision::F16, &[1.2, 0.9, 0.4], 1.0);
    assert_eq!(torch, [0.456_542_968_75, 0.338_134_765_625, 0.205_078_125]);
    // f64: the kernel
    let exact = softmax_forms(
        Framework::PyTorch,
        Precision::F64,
        &[900.0, 1000.0, 1000.0],
        1.0,
    );
    assert!(exact.naive.iter().all(|p| p.is_nan()));
    assert!((exact.probabilities[0] - 1.860_037_988_010_418e-44).abs() < 1e-58);
}

#[test]
fn stable_softplus_survives_where_the_naive_form_overflows() {
    let naive = at(
        Framework::NumPy,
        Precision::F32,
        Activation::Softplus,
        100.0,
    )
    .0;
    assert_eq!(naive.flag, Flag::Overflow);
    assert_eq!(stable_softplus(Precision::F32, 100.0, 1.0), 100.0);
    assert_eq!(stable_softplus(Precision::F64, 100.0, 1.0), 100.0);
}

#[test]
fn names_rounding_and_formulas() {
    assert_eq!(Precision::Bf16.round(1.0 + 1.0 / 256.0), 1.0);
    assert_eq!(Precision::F16.round(1e5), f64::INFINITY);
    let names: Vec<&str> = Precision::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(names, ["f64", "f32", "f16", "bf16"]);
    for p in Precision::ALL {
        assert_eq!(Precision::from_name(p.name()), Some(p));
    }
    assert_eq!(Precision::from_name("bfloat16"), Some(Precision::Bf16));
    assert_eq!(Precision::from_name("f8"), None);
    assert_eq!(Precision::Bf16.next(), Precision::F64);
    assert!((Precision::F32.exp_limit() - 88.72).abs() < 0.01);
    assert!((Precision::F16.exp_limit() - 11.09).abs() < 0.01);
    for f in Framework::ALL {
        assert_eq!(Framework::from_name(&f.name().to_lowercase()), Some(f));
    }
    assert_eq!(Framework::from_name("jax"), None);
    let numpy = formula(Framework::NumPy, Precision::F16, Activation::Sigmoid, 0.0);
    assert_eq!(numpy.value, "1 / (1 + np.exp(-x))");
    let torch = formula(Framework::PyTorch, Precision::F16, Activation::Sigmoid, 0.0);
    assert!(torch.derivative.contains("f16 arithmetic"));
    assert_eq!(
        formula(Framework::NumPy, Precision::F32, Activation::Softplus, 2.0).value,
        "np.log1p(np.exp(b * x)) / b"
    );
}

#[test]
fn every_activation_gives_values_of_the_format() {
    for framework in Framework::ALL {
        for precision in [Precision::F32, Precision::F16, Precision::Bf16] {
            for a in Activation::ALL {
                for i in -40..=40 {
                    let x = f64::from(i) / 4.0 + 1.0 / 64.0;
                    let (y, dy) = at(framework, precision, a, x);
                    let formats = result_precision(framework, precision, a, a.default_param());
                    assert_eq!((y.format, dy.format), (formats.value, formats.derivative));
                    for e in [y, dy] {
                        let v = e.value;
                        assert_eq!(e.format.round(v).to_bits(), v.to_bits(), "{a:?} {x}");
                    }
                    // near the exact value wherever nothing broke (cancellation, as in bf16's
                    // 1 + erf(-2.1), costs digits but not more than the format's scale)
                    let exact = a.value(x, a.default_param());
                    if y.flag == Flag::Fine {
                        assert!(
                            (y.value - exact).abs() <= 0.02 * exact.abs().max(1.0),
                            "{framework:?} {precision:?} {a:?}({x}) = {}, exact {exact}",
                            y.value
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn silu_beta_flows_through_both_models() {
    // (x, NumPy f, NumPy f', PyTorch f, PyTorch f') at beta = 1.5, from
    // tests/data/frameworks/act_{f16,bf16}_silu_beta1.5.tsv (NumPy 2.4.6, PyTorch 2.15).
    let f16_points = [
        (-10.7, -0.0, -0.0, -1.25e-06, -1.8e-06),
        (-9.24, -0.0, -0.0, -8.8e-06, -1.23e-05),
        (-6.69, -0.000_292_3, -0.000_394_8, -0.000_292, -0.000_394_6),
        (-0.36, -0.1327, 0.2427, -0.1326, 0.2424),
        (2.38, 2.314, 1.067, 2.316, 1.067),
    ];
    // bf16: NumPy's `-1.5 * x` is float32 (a Python float), and so is the rest of the code
    let bf16_points = [
        (
            -6.6,
            -0.000_333_938_6,
            -0.000_450_237_83,
            -0.000_34,
            -0.000_46,
        ),
        (-4.06, -0.009_148_129, -0.011_439_445, -0.009_16, -0.0115),
        (-1.47, -0.146_096_87, -0.097_876_67, -0.146, -0.0977),
        (1.45, 1.305_502_8, 1.097_348_6, 1.305, 1.09),
        (2.38, 2.309_485_2, 1.067_976_2, 2.31, 1.07),
    ];
    for (precision, points) in [(Precision::F16, f16_points), (Precision::Bf16, bf16_points)] {
        for (x, numpy_y, numpy_dy, torch_y, torch_dy) in points {
            let r = |v: f64| precision.round(v);
            let np = dtype::Np::new(precision);
            let input = np.input(x);
            let x = input.v;
            let numpy = |v: f64| match precision {
                Precision::Bf16 => Precision::F32.round(v),
                _ => r(v),
            };
            assert_eq!(numpy::silu(&np, input, 1.5).v, numpy(numpy_y), "numpy {x}");
            assert_eq!(
                numpy::silu_derivative(&np, input, 1.5).v,
                numpy(numpy_dy),
                "numpy' {x}"
            );
            let k = pytorch::Kernel::new(precision);
            assert_eq!(pytorch::silu(&k, x, 1.5), r(torch_y), "torch {x}");
            assert_eq!(
                pytorch::silu_derivative(&k, x, 1.5),
                r(torch_dy),
                "torch' {x}"
            );
        }
    }
}

#[test]
fn jax_is_named_only_where_it_was_measured() {
    let sigmoid = jax_agreement(Framework::NumPy, Precision::F16, Activation::Sigmoid, 0.0);
    assert_eq!(
        sigmoid,
        JaxAgreement {
            value: true,
            derivative: true
        }
    );
    let torch = jax_agreement(Framework::PyTorch, Precision::F16, Activation::Sigmoid, 0.0);
    assert_eq!(torch, JaxAgreement::default());
    let leaky = Activation::LeakyRelu;
    assert!(jax_agreement(Framework::NumPy, Precision::F16, leaky, 0.01).value);
    assert!(!jax_agreement(Framework::NumPy, Precision::F16, leaky, 0.2).value);
    assert_eq!(
        jax_agreement(Framework::NumPy, Precision::F64, Activation::Relu, 0.0),
        JaxAgreement::default()
    );
}

#[test]
fn labels_name_what_happened_to_the_result() {
    // A derivative that rounds to its maximum is not saturated: tanh'(1e-8) = 1 - 1e-16.
    for a in [Activation::Tanh, Activation::Softsign, Activation::Elu] {
        for framework in Framework::ALL {
            for x in [1e-8, -1e-8] {
                let (_, dy) = at(framework, Precision::F32, a, x);
                assert_eq!(dy.flag, Flag::Fine, "{a:?} {framework:?} {x}");
            }
        }
    }
    // A value of exactly 1 that is not an asymptote is no saturation (GELU passes 1 near
    // x = 1.145); one at the asymptote is (ELU's -1, SELU's -λα).
    let mut ones = 0;
    for i in 0..120 {
        let x = 1.12 + f64::from(i) * 0.0005;
        for framework in Framework::ALL {
            let (y, _) = at(framework, Precision::F16, Activation::Gelu, x);
            if y.value == 1.0 {
                ones += 1;
                assert_eq!(y.flag, Flag::Fine, "{framework:?} {x}");
            }
        }
    }
    assert!(ones > 0, "the sweep meets gelu = 1 in f16");
    let (y, _) = at(Framework::NumPy, Precision::F16, Activation::Elu, -20.0);
    assert_eq!((y.value, y.flag), (-1.0, Flag::Saturated));
    let (y, _) = at(Framework::PyTorch, Precision::Bf16, Activation::Selu, -30.0);
    assert_eq!(y.flag, Flag::Saturated);
    // The input itself past the format's range is named as such.
    for framework in Framework::ALL {
        let (y, dy) = at(framework, Precision::F16, Activation::Sigmoid, 70000.0);
        assert_eq!(
            (y.flag, dy.flag),
            (Flag::InputOverflow, Flag::InputOverflow)
        );
    }
}

#[test]
fn derivatives_saturate_at_their_limits_too() {
    // SiLU'(20) = 1 + 4e-8 and GELU'(10) = 1 + 8e-22 are exactly 1 in f32, as sigmoid(17) is:
    // the formulas' inf·0 = NaN at ±inf does not hide it
    let cases = [
        (Activation::Silu, 20.0),
        (Activation::Gelu, 10.0),
        (Activation::GeluTanh, 10.0),
        (Activation::Mish, 20.0),
    ];
    for (a, x) in cases {
        for framework in Framework::ALL {
            let (_, dy) = at(framework, Precision::F32, a, x);
            assert_eq!(
                (dy.value, dy.flag),
                (1.0, Flag::Saturated),
                "{a:?} {framework:?}"
            );
        }
    }
    // softsign reaches ±1 once |x| + 1 rounds to |x|
    let (y, _) = at(Framework::NumPy, Precision::F32, Activation::Softsign, -1e8);
    assert_eq!((y.value, y.flag), (-1.0, Flag::Saturated));
    // with a steep β, softplus' = sigmoid(βx) is 1 even in f64 by x = 8: still saturated
    let (_, dy) = evaluate(
        Framework::PyTorch,
        Precision::F32,
        Activation::Softplus,
        8.0,
        10.0,
    );
    assert_eq!((dy.value, dy.flag), (1.0, Flag::Saturated));
    // a derivative that crosses its limit on the way out is not saturated there: GELU' passes
    // 1 near x = 0.75, SiLU' near 1.28, Mish' near 1.2
    let mut ones = 0;
    for a in [Activation::Gelu, Activation::Silu, Activation::Mish] {
        for i in 0..400 {
            let x = 0.6 + f64::from(i) * 0.002;
            for framework in Framework::ALL {
                for precision in [Precision::F16, Precision::Bf16] {
                    let (_, dy) = at(framework, precision, a, x);
                    if dy.value == 1.0 {
                        ones += 1;
                        assert_eq!(dy.flag, Flag::Fine, "{a:?} {framework:?} {precision:?} {x}");
                    }
                }
            }
        }
    }
    assert!(ones > 0, "the sweep meets a derivative of 1");
}

#[test]
fn a_zero_the_format_could_have_held_names_its_cause() {
    // f16 holds -5.96e-8, the exact SiLU(-20) = -4.1e-8 rounded; NumPy's -20 / (1 + inf) gives
    // -0: the overflow of np.exp(20) did it, and it is no harmless overflow.
    let (y, dy) = at(Framework::NumPy, Precision::F16, Activation::Silu, -20.0);
    assert_eq!((y.value, y.flag), (0.0, Flag::Overflow));
    assert_eq!(dy.flag, Flag::Overflow);
    for x in [-16.7, -17.0, -17.3] {
        let (y, _) = at(Framework::NumPy, Precision::F16, Activation::Sigmoid, x);
        assert_eq!((y.value, y.flag), (0.0, Flag::Overflow), "{x}");
    }
    // f32 sigmoid(-103) = 1.85e-45 rounds to the smallest subnormal, not 0.
    let (y, _) = at(
        Framework::NumPy,
        Precision::F32,
        Activation::Sigmoid,
        -103.0,
    );
    assert_eq!((y.value, y.flag), (0.0, Flag::Overflow));
    // An underflow inside is named as such even when the value saturated: bf16 ELU'(-100) is
    // 1.0 * np.exp(-100), and np.exp(-100) is 0 in bf16 (3.7e-44 is an f32 number).
    let (y, dy) = at(Framework::NumPy, Precision::Bf16, Activation::Elu, -100.0);
    assert_eq!(y.flag, Flag::Saturated);
    assert_eq!((dy.value, dy.flag), (0.0, Flag::Underflow));
    // PyTorch's f16 softsign' at 3000: x / (1 + |x|) is 1 inside its backward, and the terms
    // cancel: a saturation; at 1536 the value is not at 1, and the terms still cancel to 0.
    let (y, dy) = at(
        Framework::PyTorch,
        Precision::F16,
        Activation::Softsign,
        3000.0,
    );
    assert_eq!(
        (y.flag, dy.value, dy.flag),
        (Flag::Saturated, 0.0, Flag::Saturated)
    );
    let (y, dy) = at(
        Framework::PyTorch,
        Precision::F16,
        Activation::Softsign,
        1536.0,
    );
    assert_eq!(
        (y.flag, dy.value, dy.flag),
        (Flag::Fine, 0.0, Flag::Cancelled)
    );
    // A result rounded to exactly 1 at the asymptote is saturated (softsign in f32 from 2e7).
    let (y, _) = at(Framework::NumPy, Precision::F32, Activation::Softsign, 2e7);
    assert_eq!((y.value, y.flag), (1.0, Flag::Saturated));
}

#[test]
fn numpy_keeps_the_sign_of_zero_as_numpy_does() {
    // Measured with NumPy 2.4.6 and ml_dtypes 0.6.0: np.maximum(-0.0, 0) is 0 in float32 and
    // bfloat16, -0 in float16; np.clip and np.tanh keep -0; np.heaviside gives 0.
    let sign = |precision, a| {
        at(Framework::NumPy, precision, a, -0.0)
            .0
            .value
            .is_sign_negative()
    };
    for (precision, max_keeps) in [
        (Precision::F32, false),
        (Precision::F16, true),
        (Precision::Bf16, false),
    ] {
        for a in [Activation::Relu, Activation::Relu6] {
            assert_eq!(sign(precision, a), max_keeps, "{a:?} {precision:?}");
        }
        for a in [
            Activation::HardTanh,
            Activation::Tanh,
            Activation::HardSwish,
        ] {
            assert!(sign(precision, a), "{a:?} {precision:?}");
        }
        assert!(!sign(precision, Activation::Step));
    }
}

#[test]
fn an_underflow_inside_outranks_a_saturation_inside() {
    // NumPy's f16 GELU' at -10 returns float64 (SciPy's erf): 0.5 * (1 + erf) is 0 because
    // erf reached -1, and x * np.exp(-50) / sqrt(2 pi) is 0 because np.exp(-50) underflows
    // float16; the exact -7.7e-22, mostly that second term, is a float64 number.
    let (_, dy) = at(Framework::NumPy, Precision::F16, Activation::Gelu, -10.0);
    assert_eq!(
        (dy.value, dy.format, dy.flag),
        (0.0, Precision::F64, Flag::Underflow)
    );
    // where only a saturation happened, it is named
    let (y, _) = at(Framework::NumPy, Precision::F16, Activation::GeluTanh, -4.0);
    assert_eq!(y.flag, Flag::Saturated);
}
