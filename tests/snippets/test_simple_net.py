"""simpleNet: the book's printed numbers, and dW against the exact gradient."""

import numpy as np
import pytest
from gradient import numerical_gradient
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from simple_net import (
    BOOK_W,
    T,
    X,
    analytic_gradient,
    cross_entropy_error,
    gradients,
    simpleNet,
    softmax,
)

# What the book prints for its fixed weights.
BOOK_PREDICTION = [1.05414809, 0.63071653, 1.1328074]
BOOK_LOSS = 0.92806853663411326
BOOK_DW = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]


def test_prediction_and_loss_match_the_book():
    net = simpleNet(BOOK_W)
    np.testing.assert_allclose(net.predict(X), BOOK_PREDICTION, atol=5e-9)
    assert np.argmax(net.predict(X)) == 2
    # The book's weights are printed to 8 decimals, so its loss is reproduced to about 1e-8.
    assert net.loss(X, T) == pytest.approx(BOOK_LOSS, abs=1e-8)


def test_dw_matches_the_book_and_the_exact_gradient():
    numeric, exact = gradients()
    np.testing.assert_allclose(numeric, BOOK_DW, atol=5e-9)
    np.testing.assert_allclose(exact, BOOK_DW, atol=5e-9)
    np.testing.assert_allclose(numeric, exact, atol=1e-9)
    # "They agree to every printed digit."
    assert repr(numeric) == repr(exact)


def test_the_book_idiom_leaves_the_weights_as_they_were():
    net = simpleNet(BOOK_W)
    before = net.W.copy()
    numerical_gradient(lambda w: net.loss(X, T), net.W)
    assert np.array_equal(net.W, before)


def test_float32_weights_are_refused_instead_of_a_silent_zero_gradient():
    net = simpleNet(BOOK_W)
    net.W = net.W.astype(np.float32)
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda w: net.loss(X, T), net.W)


weights = hnp.arrays(np.float64, (2, 3), elements=st.floats(min_value=-3, max_value=3))
inputs = hnp.arrays(np.float64, (2,), elements=st.floats(min_value=-3, max_value=3))


@given(weights, inputs, st.integers(min_value=0, max_value=2))
def test_numerical_dw_equals_the_analytic_gradient_for_random_nets(W, x, label):
    net = simpleNet(W)
    t = np.eye(3)[label]
    dW = numerical_gradient(lambda w: net.loss(x, t), net.W)
    np.testing.assert_allclose(dW, analytic_gradient(net, x, t), atol=1e-7)


def test_softmax_is_stable_and_sums_to_one():
    y = softmax(np.array([1000.0, 1001.0, 1002.0]))
    np.testing.assert_allclose(y, softmax(np.array([0.0, 1.0, 2.0])))
    assert y.sum() == pytest.approx(1)
    batch = softmax(np.array([[0.0, 0.0], [0.0, np.log(3)]]))
    np.testing.assert_allclose(batch, [[0.5, 0.5], [0.25, 0.75]])


def test_softmax_does_not_modify_its_input():
    a = np.array([0.3, 2.9, 4.0])
    softmax(a)
    np.testing.assert_array_equal(a, [0.3, 2.9, 4.0])


def test_cross_entropy_error_is_exact_and_finite():
    assert cross_entropy_error(
        np.array([0.25, 0.75]), np.array([0.0, 1.0])
    ) == pytest.approx(-np.log(0.75), rel=1e-15)
    batch = cross_entropy_error(
        np.array([[0.5, 0.5], [0.25, 0.75]]), np.array([[1.0, 0.0], [0.0, 1.0]])
    )
    assert batch == pytest.approx(-(np.log(0.5) + np.log(0.75)) / 2)
    assert np.isfinite(cross_entropy_error(np.array([0.0, 1.0]), np.array([1.0, 0.0])))
    with pytest.raises(ValueError, match="same shape"):
        cross_entropy_error(np.array([0.5, 0.5]), np.array([0.0, 0.0, 1.0]))


def test_random_weights_have_the_right_shape():
    assert simpleNet().W.shape == (2, 3)
