"""The narrow valley: -grad f is off the minimum by the printed angle; descent zig-zags."""

import numpy as np
from narrow_valley import LR, START, STEP_NUM, angle_to_minimum, descent, report, valley
from partial_derivative import function_2

PRINTED = """\
x0^2 + x1^2 at (-3.0, 4.0): -grad f is 0.0 degrees off the direction to the minimum
x0^2/20 + x1^2 at (-7.0, 2.0): -grad f is 64.1 degrees off
gradient_descent(valley, (-7.0, 2.0), lr=0.95, step_num=30)
  -> array([-0.350393  ,  0.08478232])
  each step multiplies x0 by 0.905 and x1 by -0.900
  x1 changes sign in 30 of 30 steps
"""


def test_the_report_is_exactly_what_the_pages_show(capsys):
    report()
    assert capsys.readouterr().out == PRINTED


def test_the_angle_matches_the_exact_gradient():
    """grad f = (x0 / 10, 2 x1); at (-7, 2) that is (-0.7, 4)."""
    downhill, to_minimum = np.array([0.7, -4.0]), np.array([7.0, -2.0])
    exact = np.degrees(
        np.arccos(downhill @ to_minimum / np.linalg.norm(downhill) / np.linalg.norm(to_minimum))
    )
    assert abs(angle_to_minimum(valley, START) - exact) < 1e-6
    assert round(exact, 1) == 64.1
    assert angle_to_minimum(function_2, (-3.0, 4.0)) < 1e-5


def test_the_descent_is_the_exact_product_of_the_two_factors():
    """x0 is multiplied by 1 - lr/10 and x1 by 1 - 2 lr at every step."""
    x, history = descent()
    assert history.shape == (STEP_NUM + 1, 2)
    k = np.arange(STEP_NUM + 1)
    np.testing.assert_allclose(history[:, 0], START[0] * (1 - LR / 10) ** k, rtol=1e-6)
    np.testing.assert_allclose(history[:, 1], START[1] * (1 - 2 * LR) ** k, rtol=1e-6)
    assert valley(x) < valley(START) / 100
