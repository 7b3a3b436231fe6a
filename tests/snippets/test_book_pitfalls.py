"""The book's two functions, transcribed, fail where the page says; ours refuse instead."""

import numpy as np
import pytest
from book_pitfalls import (
    book_descent,
    book_numerical_gradient,
    first_frozen_step,
    report,
)
from gradient import numerical_gradient
from partial_derivative import function_2

PRINTED = """\
The book's numerical_gradient at the integer point (3, 4):
  book_numerical_gradient(function_2, np.array([3, 4]))
  -> array([25000, 35000])
Ours, with floats and with integers:
  numerical_gradient(function_2, np.array([3.0, 4.0]))
  -> array([6., 8.])
  numerical_gradient(function_2, np.array([3, 4])) raises
    TypeError: x has dtype int64, but numerical_gradient nudges x in place by
    +-h, which needs float64. Pass x.astype(float) and let f read that array
The book's gradient_descent, lr = 10 from (-3.0, 4.0), 100 steps:
  -> array([-2.58983747e+13, -1.29524862e+12])
  x stops moving at step 10; there x + h == x is array([ True,  True])
Ours:
  gradient_descent(function_2, (-3.0, 4.0), lr=10, step_num=100) raises
    ValueError: h=0.0001 is too small next to x=7428296.635956107: in
    float64, x + h and x - h are 0.00019999966025352478 apart instead of 2h =
    0.0002. Use a larger h.
"""


def test_the_report_is_exactly_what_the_pages_show(capsys):
    report()
    assert capsys.readouterr().out == PRINTED


def test_integer_x_minus_h_truncates_to_x_minus_1():
    """(f(3, 4) - f(2, 4)) / 2h = 5 / 2e-4 and (f(3, 4) - f(3, 3)) / 2h = 7 / 2e-4."""
    assert function_2(np.array([3, 4])) - function_2(np.array([2, 4])) == 5
    assert function_2(np.array([3, 4])) - function_2(np.array([3, 3])) == 7
    grad = book_numerical_gradient(function_2, np.array([3, 4]))
    assert grad.dtype.kind == "i" and grad.tolist() == [5 / 2e-4, 7 / 2e-4] == [25000, 35000]


def test_the_book_function_is_right_for_floats():
    """The transcription is faithful: the failures come from the input, not from a typo."""
    np.testing.assert_allclose(
        book_numerical_gradient(function_2, np.array([3.0, 4.0])), [6, 8], atol=1e-9
    )


def test_the_book_descent_multiplies_by_minus_19_then_freezes():
    x, history = book_descent()
    assert history.shape == (101, 2)
    for k in range(5):
        np.testing.assert_allclose(history[k], np.array([-3, 4]) * (-19.0) ** k, rtol=1e-6)
    assert first_frozen_step(history) == 10
    assert np.all(history[10:] == history[10])
    frozen = history[10]
    assert np.all(frozen + 1e-4 == frozen) and np.all(frozen - 1e-4 == frozen)
    assert np.all(np.spacing(np.abs(frozen)) > 2e-4)  # the figure's bottom panel
    assert np.all(np.spacing(np.abs(history[:9])) < 2e-4)
    # Our numerical_gradient is not fooled there: it refuses.
    with pytest.raises(ValueError, match="too small next to x"):
        numerical_gradient(function_2, frozen.copy())
    assert repr(x) == "array([-2.58983747e+13, -1.29524862e+12])"
