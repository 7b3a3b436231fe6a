"""numerical_diff and the difference formulas against exact derivatives and the book."""

import math

import numpy as np
import pytest
from difference_error import STEPS, X, central_difference, errors, forward_difference
from hypothesis import given
from hypothesis import strategies as st
from numerical_diff import function_1, numerical_diff, tangent_line


@pytest.mark.parametrize(
    ("x", "exact", "book"),
    [(5, 0.2, 0.1999999999990898), (10, 0.3, 0.2999999999986347)],
)
def test_function_1_against_exact_derivative_and_the_book(x, exact, book):
    value = numerical_diff(function_1, x)
    assert value == book  # the digits printed in the book, to the last one
    assert abs(value - exact) < 1e-11  # "agree to about eleven digits"
    assert value != exact


def test_tangent_line_touches_the_curve_with_the_exact_slope():
    line = tangent_line(function_1, 5)
    assert line(5) == pytest.approx(function_1(5), abs=1e-12)
    assert line(6) - line(5) == pytest.approx(0.2, abs=1e-11)


def test_naive_forward_difference_with_tiny_h_gives_zero():
    assert np.float32(1e-50) == 0.0
    assert 5 + 1e-50 == 5
    assert forward_difference(function_1, 5, 1e-50) == 0.0


def test_error_curves_have_their_minimum_where_the_page_says():
    """The page: forward error lowest near h = sqrt(eps), central near h = eps ** (1/3), and
    h = 1e-4 to the right of the bottom, its error two orders of magnitude above it."""
    forward, central = errors(forward_difference), errors(central_difference)
    assert 1e-9 <= STEPS[np.argmin(forward)] <= 1e-7
    assert 1e-6 <= STEPS[np.argmin(central)] <= 3e-5
    near_bottom = np.median(central[(STEPS >= 3e-6) & (STEPS <= 1e-5)])
    assert abs(central_difference(np.exp, X, 1e-4) - math.exp(X)) > 30 * near_bottom
    # Truncation error at h = 1e-4: f''h/2 for the forward, f'''h^2/6 for the central difference.
    e = math.exp(X)
    assert abs(forward_difference(np.exp, X, 1e-4) - e) == pytest.approx(
        e * 1e-4 / 2, rel=1e-3
    )
    assert abs(central_difference(np.exp, X, 1e-4) - e) == pytest.approx(
        e * 1e-8 / 6, rel=0.05
    )
    assert central.min() < forward.min() / 100


coefficients = st.floats(min_value=-5, max_value=5, allow_subnormal=False)


@given(
    st.lists(coefficients, min_size=4, max_size=4),
    st.floats(min_value=-10, max_value=10),
)
def test_cubics_against_their_exact_derivative(c, x):
    """For a cubic the central difference is off by exactly c3 * h^2, plus rounding."""
    f = lambda t: ((c[3] * t + c[2]) * t + c[1]) * t + c[0]  # noqa: E731
    exact = (3 * c[3] * x + 2 * c[2]) * x + c[1]
    scale = sum(abs(ck) * max(abs(x), 1) ** k for k, ck in enumerate(c))
    h = 1e-4
    assert (
        abs(numerical_diff(f, x) - exact)
        <= abs(c[3]) * h**2 * 1.01 + 1e-15 * scale / h * 8
    )


@given(st.floats(min_value=-100, max_value=100), st.floats(min_value=0.1, max_value=3))
def test_sine_against_cosine(x, k):
    assert numerical_diff(lambda t: math.sin(k * t), x) == pytest.approx(
        k * math.cos(k * x), abs=1e-7
    )


def test_integer_x_gives_the_float_derivative():
    assert numerical_diff(function_1, 5) == numerical_diff(function_1, 5.0)


@pytest.mark.parametrize("h", [0, -1e-4, float("nan"), float("inf"), "0.1", True])
def test_bad_h_is_refused(h):
    with pytest.raises(ValueError, match="h must be a positive finite number"):
        numerical_diff(function_1, 5, h)


def test_f_must_be_callable():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_diff(3.0, 5)


@pytest.mark.parametrize("x", ["5", None, [5.0], np.array([5.0, 6.0]), 1 + 2j, True])
def test_x_must_be_a_real_number(x):
    with pytest.raises(TypeError, match="x must be a real number"):
        numerical_diff(function_1, x)


def test_f_must_return_one_real_number():
    with pytest.raises(TypeError, match="f must return one real number"):
        numerical_diff(lambda t: np.array([t, t]), 5.0)
    with pytest.raises(TypeError, match="f must return one real number"):
        numerical_diff(lambda t: "text", 5.0)


def test_h_lost_next_to_a_large_x_is_refused_not_silently_zero():
    with pytest.raises(ValueError, match="too small next to x"):
        numerical_diff(function_1, 5, 1e-50)
    with pytest.raises(ValueError, match="too small next to x"):
        numerical_diff(function_1, 1e13)
    # A larger h is accepted; what remains is the rounding error of f itself, about 1e-5 here.
    assert numerical_diff(function_1, 1e13, h=10.0) == pytest.approx(
        0.02 * 1e13 + 0.1, rel=1e-4
    )


def test_float32_x_is_refused_with_advice():
    with pytest.raises(ValueError, match="float64"):
        numerical_diff(function_1, np.float32(5))
