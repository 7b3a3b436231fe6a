"""gradient_descent: convergence, the three learning rates of the page, and its inputs."""

import numpy as np
import pytest
from gradient_descent import INIT_X, gradient_descent
from learning_rate import descend_until_refused
from partial_derivative import function_2


def test_converges_to_the_exact_geometric_sequence():
    """For x0^2 + x1^2 every step multiplies x by 1 - 2 lr = 0.8."""
    x, history = gradient_descent(function_2, INIT_X, lr=0.1, step_num=100)
    np.testing.assert_allclose(x, np.array(INIT_X) * 0.8**100, rtol=1e-6)
    assert 0.5e-9 < np.hypot(*x) < 2e-9  # "about 1e-9 away from the minimum"
    assert (
        repr(x) == "array([-6.11110793e-10,  8.14814391e-10])"
    )  # as printed in the book
    assert history.shape == (101, 2)
    np.testing.assert_array_equal(history[0], INIT_X)
    np.testing.assert_array_equal(history[-1], x)
    for k in (1, 10, 50):
        np.testing.assert_allclose(history[k], np.array(INIT_X) * 0.8**k, rtol=1e-6)


def test_tiny_learning_rate_barely_moves():
    x, _ = gradient_descent(function_2, INIT_X, lr=1e-10, step_num=100)
    np.testing.assert_allclose(x, np.array(INIT_X) * (1 - 2e-10) ** 100, rtol=1e-9)
    assert repr(x) == "array([-2.99999994,  3.99999992])"  # as printed in the book


def test_large_learning_rate_diverges_by_minus_19_then_is_refused():
    history, refusal = descend_until_refused(10.0)
    assert isinstance(refusal, ValueError)
    assert "too small next to x" in str(refusal)
    steps = len(history) - 1
    assert 3 <= steps < 100  # "within a few steps"
    for k in range(steps + 1):
        np.testing.assert_allclose(
            history[k], np.array(INIT_X) * (-19.0) ** k, rtol=1e-4
        )


def test_the_other_learning_rates_are_not_refused():
    assert descend_until_refused(0.1)[1] is None
    assert descend_until_refused(1e-10)[1] is None


@pytest.mark.parametrize("dtype", [np.float64, np.int64])
def test_init_x_is_left_untouched(dtype):
    init_x = np.array([-3, 4], dtype=dtype)
    x, _ = gradient_descent(function_2, init_x, lr=0.1, step_num=10)
    assert init_x.dtype == dtype and init_x.tolist() == [-3, 4]
    np.testing.assert_allclose(x, np.array([-3, 4]) * 0.8**10, rtol=1e-9)


def test_read_only_init_x_is_accepted_and_left_alone():
    init_x = np.array([-3.0, 4.0])
    init_x.flags.writeable = False
    x, _ = gradient_descent(function_2, init_x, lr=0.1, step_num=10)
    np.testing.assert_allclose(x, init_x * 0.8**10, rtol=1e-9)


def test_integer_start_and_zero_steps():
    x, history = gradient_descent(function_2, [-3, 4], lr=0.1, step_num=0)
    assert x.dtype == np.float64
    np.testing.assert_array_equal(x, [-3.0, 4.0])
    assert history.shape == (1, 2)


@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf"), "0.1", None])
def test_bad_learning_rate_is_refused(lr):
    with pytest.raises(ValueError, match="lr must be a positive finite number"):
        gradient_descent(function_2, INIT_X, lr=lr)


@pytest.mark.parametrize("step_num", [-1, 2.5, "10", True])
def test_bad_step_num_is_refused(step_num):
    with pytest.raises(ValueError, match="step_num must be a whole number"):
        gradient_descent(function_2, INIT_X, step_num=step_num)


def test_bad_f_and_init_x_are_refused():
    with pytest.raises(TypeError, match="f must be callable"):
        gradient_descent("f", INIT_X)
    for init_x in (["3", "4"], [True, False], [1 + 1j, 2]):
        with pytest.raises(TypeError, match="init_x must be real numbers"):
            gradient_descent(function_2, init_x)
