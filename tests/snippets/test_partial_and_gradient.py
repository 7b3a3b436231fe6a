"""Partial derivatives and numerical_gradient against exact gradients, for any shape."""

import numpy as np
import pytest
from gradient import numerical_gradient, numerical_gradient_batch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from partial_derivative import function_2, partial_derivatives_at_3_4


def test_partial_derivatives_at_3_4_match_exact_and_book():
    df_dx0, df_dx1 = partial_derivatives_at_3_4()
    assert (df_dx0, df_dx1) == (
        6.00000000000378,
        7.999999999999119,
    )  # as printed in the book
    assert df_dx0 == pytest.approx(6, abs=1e-10)
    assert df_dx1 == pytest.approx(8, abs=1e-10)


@pytest.mark.parametrize(
    ("point", "exact"),
    [((3.0, 4.0), (6, 8)), ((0.0, 2.0), (0, 4)), ((3.0, 0.0), (6, 0))],
)
def test_gradient_at_the_three_points_of_the_page(point, exact):
    grad = numerical_gradient(function_2, np.array(point))
    np.testing.assert_allclose(grad, exact, atol=1e-9)
    # The page says the printed values cannot be told apart from the exact ones.
    assert repr(grad) == repr(np.array(exact, dtype=float))


def test_batch_gives_each_row_its_gradient():
    points = np.array([[3.0, 4.0], [0.0, 2.0], [-1.5, 0.5]])
    np.testing.assert_allclose(
        numerical_gradient_batch(function_2, points), 2 * points, atol=1e-9
    )
    with pytest.raises(ValueError, match="points must be 2-D"):
        numerical_gradient_batch(function_2, np.array([1.0, 2.0]))


shapes = hnp.array_shapes(min_dims=0, max_dims=3, max_side=4)
values = st.floats(min_value=-10, max_value=10)


@given(hnp.arrays(np.float64, shapes, elements=values), st.data())
def test_quadratic_of_any_shape(x, data):
    """f(x) = sum(c x^2 + d x) has gradient 2cx + d, element by element, for any shape."""
    c = data.draw(hnp.arrays(np.float64, x.shape, elements=values))
    d = data.draw(hnp.arrays(np.float64, x.shape, elements=values))
    before = x.copy()
    grad = numerical_gradient(lambda w: np.sum(c * w**2 + d * w), x)
    assert grad.shape == x.shape
    np.testing.assert_allclose(
        grad, 2 * c * x + d, atol=1e-6 * (1 + np.abs(c).sum() * 100 + np.abs(d).sum())
    )
    assert np.array_equal(x, before)


@given(hnp.arrays(np.float64, shapes, elements=values))
def test_sum_of_sines(x):
    np.testing.assert_allclose(
        numerical_gradient(lambda w: np.sum(np.sin(w)), x), np.cos(x), atol=1e-7
    )


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.int8, np.uint8])
def test_the_book_idiom_on_an_integer_array_is_refused_not_zero(dtype):
    """A copy of x would never be read by this f: the gradient would be all zeros."""
    x = np.array([3, 4], dtype=dtype)
    f = lambda w: function_2(x)  # noqa: E731 -- the book's idiom: f reads x by name
    with pytest.raises(TypeError, match=rf"dtype {np.dtype(dtype)}.*x\.astype\(float\)"):
        numerical_gradient(f, x)
    assert x.dtype == dtype and x.tolist() == [3, 4]
    # What the error asks for gives the right gradient, with the idiom too.
    x = x.astype(float)
    np.testing.assert_allclose(numerical_gradient(f, x), [6, 8], atol=1e-9)


def test_the_book_idiom_on_a_read_only_array_is_refused_not_zero():
    x = np.array([3.0, 4.0])
    x.flags.writeable = False
    f = lambda w: function_2(x)  # noqa: E731 -- the book's idiom: f reads x by name
    with pytest.raises(ValueError, match=r"read-only.*x\.astype\(float\)"):
        numerical_gradient(f, x)
    assert x.tolist() == [3.0, 4.0] and not x.flags.writeable


@pytest.mark.parametrize("x", [[3.0, 4.0], (3, 4), 3.0])
def test_lists_and_scalars_are_refused_since_x_is_nudged_in_place(x):
    with pytest.raises(TypeError, match=r"NumPy array of float64.*np\.array\(x, dtype=float\)"):
        numerical_gradient(function_2, x)


def test_a_zero_dimensional_float_array_is_accepted():
    assert numerical_gradient(lambda w: w**2, np.array(3.0)) == pytest.approx(6)


def test_x_is_restored_exactly_when_f_raises():
    x = np.array([0.1, 0.2, 0.3])
    before = x.copy()
    calls = []

    def f(w):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("f failed")
        return np.sum(w**2)

    with pytest.raises(RuntimeError, match="f failed"):
        numerical_gradient(f, x)
    assert np.array_equal(
        x, before
    )  # bit for bit, including the element being perturbed


def test_the_book_idiom_with_an_ignored_argument_still_works():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    before = W.copy()
    f = lambda w: np.sum(W**3)  # noqa: E731 -- reads W through another name, like net.loss(x, t)
    np.testing.assert_allclose(numerical_gradient(f, W), 3 * before**2, rtol=1e-7)
    assert np.array_equal(W, before)


@pytest.mark.parametrize(
    "x",
    [
        np.array(["a", "b"]),
        np.array([1, None], dtype=object),
        np.array([True, False]),
        np.array([1 + 1j]),
    ],
)
def test_non_numeric_x_is_refused(x):
    with pytest.raises(TypeError, match="x must be an array of real numbers"):
        numerical_gradient(function_2, x)


def test_float32_is_refused_rather_than_silently_wrong():
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(function_2, np.array([3.0, 4.0], dtype=np.float32))


@pytest.mark.parametrize("h", [0, -1.0, float("nan")])
def test_bad_h_is_refused(h):
    with pytest.raises(ValueError, match="h must be a positive finite number"):
        numerical_gradient(function_2, np.array([3.0, 4.0]), h)


def test_f_must_be_callable_and_return_one_number():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_gradient(None, np.array([3.0, 4.0]))
    with pytest.raises(TypeError, match="f must return one real number"):
        numerical_gradient(lambda w: w, np.array([3.0, 4.0]))


def test_batch_refuses_what_numerical_gradient_refuses():
    with pytest.raises(TypeError, match="dtype int64"):
        numerical_gradient_batch(function_2, np.array([[3, 4], [0, 2]], dtype=np.int64))
    with pytest.raises(TypeError, match="NumPy array of float64"):
        numerical_gradient_batch(function_2, [[3.0, 4.0]])
