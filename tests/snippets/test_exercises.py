"""The exercises at the end of the chapters: the numbers their answers state are the ones the
snippets print, in every edition, and those numbers are right, checked against values worked
out by hand."""

import contextlib
import html
import io
import math
import re
from fractions import Fraction

import numpy as np
import pytest
from conftest import LANGUAGES, ROOT, page_address

import difference_error
import gradient
import gradient_descent
import learning_rate
import partial_derivative
import simple_net


def printed(module) -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        module.report()
    return output.getvalue()


# ---------------------------------------------------------------- the values, worked out by hand


def test_forward_difference_of_a_quadratic_is_the_derivative_plus_a_h():
    a, b, h = Fraction(1, 100), Fraction(1, 10), Fraction(1, 100)

    def f(x):
        return a * x**2 + b * x

    exact = (f(5 + h) - f(5)) / h
    assert exact == (2 * a * 5 + b) + a * h == Fraction(2001, 10000)
    value = difference_error.forward_difference(difference_error.function_1, 5, 0.01)
    assert value == pytest.approx(float(exact), abs=1e-12)
    assert "forward_difference(function_1, 5, 0.01) = 0.2001000000" in printed(difference_error)


@pytest.mark.parametrize("x", [-3, 0, 2, 7])
def test_central_difference_of_a_cube_is_off_by_h_squared_everywhere(x):
    h = Fraction(1, 100)
    assert ((x + h) ** 3 - (x - h) ** 3) / (2 * h) == 3 * x**2 + h**2


def test_central_difference_of_the_cube_at_2():
    value = difference_error.central_difference(difference_error.cube, 2, 0.01)
    assert value == pytest.approx(12 + 0.01**2, abs=1e-10)
    assert "central_difference(cube, 2, 0.01) = 12.0001000000" in printed(difference_error)


def test_partial_derivatives_of_the_exercises():
    # d/dx0 (x0^2 + x1^2) = 2 x0, whatever x1 is.
    df_dx0, _ = partial_derivative.partial_derivatives(partial_derivative.function_2, (3, 100))
    assert df_dx0 == pytest.approx(2 * 3, abs=1e-7)
    # d/dx0 (x0^2 x1 + x1^3) = 2 x0 x1 and d/dx1 = x0^2 + 3 x1^2.
    mixed = partial_derivative.partial_derivatives(partial_derivative.mixed_function, (2, 1))
    np.testing.assert_allclose(mixed, (2 * 2 * 1, 2**2 + 3 * 1**2), atol=1e-7)
    text = printed(partial_derivative)
    assert "function_2: df/dx0 at (3, 100) = 6.000000" in text
    assert "mixed_function: df/dx0 at (2, 1) = 4.000000, df/dx1 = 7.000000" in text


def test_gradient_is_perpendicular_to_the_contour_circle():
    # (-4, 3) is tangent to x0^2 + x1^2 = 25 at (3, 4): perpendicular to the radius (3, 4).
    assert 3 * -4 + 4 * 3 == 0
    assert 6 * -4 + 8 * 3 == 0 and math.hypot(6, 8) == 10
    grad = gradient.numerical_gradient(gradient.function_2, np.array([3.0, 4.0]))
    assert gradient.angle_between(grad, [-4.0, 3.0]) == pytest.approx(90, abs=1e-6)
    assert "at (3, 4): length 10.000000, angle to (-4, 3) 90.0000 degrees" in printed(gradient)


def test_descent_direction_on_the_elongated_bowl_misses_the_minimum():
    # -grad g = (-6, -20) at (3, 1); the minimum lies along (-3, -1).
    exact = math.degrees(math.acos((6 * 3 + 20 * 1) / math.sqrt((6**2 + 20**2) * (3**2 + 1**2))))
    assert f"{exact:.2f}" == "54.87"
    grad = gradient.numerical_gradient(gradient.elongated_bowl, np.array([3.0, 1.0]))
    np.testing.assert_allclose(grad, (6, 20), atol=1e-8)
    assert gradient.angle_between(-grad, [-3.0, -1.0]) == pytest.approx(exact, abs=1e-8)
    assert "angle between -gradient and (-3, -1) 54.87 degrees" in printed(gradient)


def test_angle_between_known_vectors():
    assert gradient.angle_between([1.0, 0.0], [0.0, 2.0]) == pytest.approx(90)
    assert gradient.angle_between([1.0, 1.0], [3.0, 3.0]) == pytest.approx(0, abs=1e-6)
    assert gradient.angle_between([1.0, 0.0], [-1.0, 0.0]) == pytest.approx(180)
    with pytest.raises(ValueError, match="zero vector"):
        gradient.angle_between([0.0, 0.0], [1.0, 0.0])


def test_partial_derivatives_wants_a_point_of_two():
    with pytest.raises(ValueError, match=r"point must be \(x0, x1\)"):
        partial_derivative.partial_derivatives(partial_derivative.function_2, (1, 2, 3))


def test_steps_to_reach_a_tolerance():
    # The distance after k steps is 5 * 0.8^k: the first k with 5 * 0.8^k < 10^-6.
    k = 0
    while 5 * Fraction(4, 5) ** k >= Fraction(1, 10**6):
        k += 1
    assert k == 70
    assert gradient_descent.steps_to_reach(1e-6) == k
    assert "steps to within 1e-6 of the minimum: 70" in printed(gradient_descent)
    with pytest.raises(ValueError, match="not within"):
        gradient_descent.steps_to_reach(1e-6, step_num=10)


def test_lr_0_9_mirrors_lr_0_1_and_ends_at_the_same_point():
    start = (Fraction(-3), Fraction(4))
    one_step = [Fraction(-4, 5) * value for value in start]
    assert one_step == [Fraction(12, 5), Fraction(-16, 5)]
    after_100 = [float(Fraction(-4, 5) ** 100 * value) for value in start]
    _, history = gradient_descent.gradient_descent(
        gradient.function_2, (-3.0, 4.0), lr=0.9, step_num=100
    )
    np.testing.assert_allclose(history[1], [float(v) for v in one_step], atol=1e-9)
    np.testing.assert_allclose(history[-1], after_100, rtol=1e-6)
    text = printed(learning_rate)
    assert "lr = 0.9: after 1 step x = array([ 2.4, -3.2])" in text
    assert "lr = 0.9: after 100 steps x = array([-6.11110793e-10,  8.14814391e-10])" in text


def test_rows_of_dW_are_in_the_ratio_of_the_inputs():
    assert Fraction("0.9") / Fraction("0.6") == Fraction(3, 2)
    numeric, _ = simple_net.gradients()
    np.testing.assert_allclose(numeric[1] / numeric[0], 1.5, rtol=1e-8)
    assert (
        "row 1 / row 0 of dW by numerical_gradient: 1.500000, 1.500000, 1.500000"
        in printed(simple_net)
    )


def test_dW_for_a_zero_input():
    scores = [0.9 * w for w in simple_net.BOOK_W[1]]
    total = sum(math.exp(score) for score in scores)
    y = [math.exp(score) / total for score in scores]
    second_row = [0.9 * (y_k - t_k) for y_k, t_k in zip(y, (0, 0, 1), strict=True)]
    dW = simple_net.numerical_dW(np.array([0.0, 0.9]))
    assert dW.shape == (2, 3)
    assert np.all(dW[0] == 0)  # exactly: the loss does not depend on that row at all
    np.testing.assert_allclose(dW[1], second_row, atol=1e-9)
    assert [f"{value:.8f}" for value in second_row] == ["0.38413442", "0.18365313", "-0.56778755"]


# ---------------------------------------------------------------- the answers say what is printed

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]\d+)?")

# For each exercise: the chapter, the snippet whose output shows the answer's numbers, and a
# pattern whose first group holds those numbers in that output.
EXERCISES = {
    "exercise-forward": (
        "numerical-differentiation",
        difference_error,
        r"^forward_difference\(function_1, 5, 0\.01\) = (.*)$",
    ),
    "exercise-cube": (
        "numerical-differentiation",
        difference_error,
        r"^central_difference\(cube, 2, 0\.01\) = (.*)$",
    ),
    "exercise-held": (
        "partial-derivatives",
        partial_derivative,
        r"^function_2: df/dx0 at \(3, 100\) = (.*)$",
    ),
    "exercise-mixed": (
        "partial-derivatives",
        partial_derivative,
        r"^mixed_function: df/dx0 at \(2, 1\) = (\S+), df/dx1 = (.*)$",
    ),
    "exercise-direction": (
        "gradient",
        gradient,
        r"^at \(3, 4\): length (\S+), angle to \(-4, 3\) (\S+) degrees$",
    ),
    "exercise-elongated": (
        "gradient",
        gradient,
        r"^  angle between -gradient and \(-3, -1\) (\S+) degrees$",
    ),
    "exercise-steps": (
        "gradient-descent",
        gradient_descent,
        r"^steps to within 1e-6 of the minimum: (.*)$",
    ),
    "exercise-lr-09": (
        "gradient-descent",
        learning_rate,
        r"^lr = 0\.9: after 1 step x = array\((.*)\)\nlr = 0\.9: after 100 steps x = array\((.*)\)$",
    ),
    "exercise-rows": (
        "neural-network-gradient",
        simple_net,
        r"^row 1 / row 0 of dW by numerical_gradient: (.*)$",
    ),
    "exercise-zero-input": (
        "neural-network-gradient",
        simple_net,
        r"^dW by numerical_gradient for x = \(0, 0\.9\) =\n.*\n(.*)$",
    ),
}


def printed_match(exercise: str) -> re.Match:
    _, module, pattern = EXERCISES[exercise]
    match = re.search(pattern, printed(module), re.MULTILINE)
    assert match, f"{module.__name__} no longer prints the numbers of {exercise}"
    return match


def as_in_prose(number: str) -> str:
    """How an answer writes a printed number: 0.2001000000 as 0.2001, 6.000000 as 6,
    -6.11110793e-10 as -6.11 \\times 10^{-10}."""
    if "e" in number:
        mantissa, exponent = f"{float(number):.2e}".split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    if "." in number:
        return number.rstrip("0").rstrip(".")
    return number


def answer_of(language: str, page: str, exercise: str) -> str:
    """The collapsed answer below an exercise's heading, up to the next heading."""
    markdown = (ROOT / "docs" / language / f"{page}.md").read_text(encoding="utf-8")
    match = re.search(
        rf"^### .*\{{ #{exercise} \}}\n(.*?)(?=^##|\Z)", markdown, re.MULTILINE | re.DOTALL
    )
    assert match, f"no exercise {exercise} in {language}/{page}.md"
    answer = match[1].partition('??? success "')[2]
    assert answer, f"{language}/{page}.md: exercise {exercise} has no collapsed answer"
    return answer


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("exercise", EXERCISES)
def test_answer_states_the_printed_numbers(language, exercise):
    page = EXERCISES[exercise][0]
    answer = answer_of(language, page, exercise)
    numbers = [n for group in printed_match(exercise).groups() for n in NUMBER.findall(group)]
    assert numbers
    for number in numbers:
        prose = as_in_prose(number)
        # The number on its own, not as part of a longer one.
        assert re.search(rf"(?<![\d.]){re.escape(prose)}(?!\.?\d)", answer), (
            f"{language}/{page}.md, {exercise}: the answer does not say {prose}"
        )


def test_as_in_prose():
    assert as_in_prose("0.2001000000") == "0.2001"
    assert as_in_prose("90.0000") == "90"
    assert as_in_prose("70") == "70"
    assert as_in_prose("8.14814391e-10") == r"8.15 \times 10^{-10}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_edition_shows_the_printed_numbers(built_site, language):
    site, _ = built_site
    for exercise, (page, _, _) in EXERCISES.items():
        text = (site / page_address(language, page) / "index.html").read_text(encoding="utf-8")
        for line in printed_match(exercise)[0].splitlines():
            assert html.escape(line, quote=False) in text, (
                f"{language}/{page}: {exercise}: {line!r} is not on the page"
            )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", sorted({page for page, _, _ in EXERCISES.values()}))
def test_answers_stay_collapsed_in_the_notebooks(language, page):
    import nbformat
    import notebooks

    notebook = nbformat.read(notebooks.notebook_path(language, page), as_version=4)
    source = "".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    exercises = [exercise for exercise, (chapter, _, _) in EXERCISES.items() if chapter == page]
    assert "???" not in source
    assert source.count("<details>") == len(exercises), f"{language}/{page}"
