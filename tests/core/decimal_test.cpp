// decimal_test.cpp — exact parsing and printing of cell values.
#include "test_util.hpp"

using nb::DecimalError;
using nb::Fixed;

TEST_CASE("decimals parse exactly, with limits", "[decimal]") {
    Fixed v = 0;
    CHECK(nb::parseDecimal("12", v) == DecimalError::None); CHECK(v == 12 * nb::kScale);
    CHECK(nb::parseDecimal("-3", v) == DecimalError::None); CHECK(v == -3 * nb::kScale);
    CHECK(nb::parseDecimal("7730.28", v) == DecimalError::None); CHECK(v == 7730280000);
    CHECK(nb::parseDecimal("59237.2449", v) == DecimalError::None); CHECK(v == 59237244900);
    CHECK(nb::parseDecimal("1.5e3", v) == DecimalError::None); CHECK(v == 1500 * nb::kScale);
    CHECK(nb::parseDecimal("12.0", v) == DecimalError::None); CHECK(v == 12 * nb::kScale);
    CHECK(nb::parseDecimal("-0", v) == DecimalError::None); CHECK(v == 0);
    CHECK(nb::parseDecimal("0.0000001", v) == DecimalError::TooManyDecimals);
    CHECK(nb::parseDecimal("24252.311082", v) == DecimalError::None); CHECK(v == 24252311082);
    CHECK(nb::parseDecimal("0.000001", v) == DecimalError::None); CHECK(v == 1);
    CHECK(nb::parseDecimal("999999999999.999999", v) == DecimalError::None); CHECK(v == nb::kMaxMagnitude - 1);
    CHECK(nb::parseDecimal("1e300", v) == DecimalError::OutOfRange);
    CHECK(nb::parseDecimal("1e400", v) == DecimalError::OutOfRange);
    CHECK(nb::parseDecimal("1e-400", v) == DecimalError::TooManyDecimals);
    CHECK(nb::parseDecimal("1000000000000", v) == DecimalError::OutOfRange);
    CHECK(nb::parseDecimal("999999999999", v) == DecimalError::None);
    CHECK(nb::parseDecimal("abc", v) == DecimalError::Syntax);
    CHECK(nb::parseDecimal("", v) == DecimalError::Syntax);
    CHECK(nb::parseDecimal("1,234", v) == DecimalError::Syntax);
    CHECK(nb::parseDecimal(" 1,234 ", v, true) == DecimalError::None); CHECK(v == 1234 * nb::kScale);
    CHECK(nb::parseDecimal("1，234", v, true) == DecimalError::None); CHECK(v == 1234 * nb::kScale);
}

TEST_CASE("decimals print in their shortest exact form", "[decimal]") {
    CHECK(nb::formatDecimal(12 * nb::kScale) == "12");
    CHECK(nb::formatDecimal(-3 * nb::kScale) == "-3");
    CHECK(nb::formatDecimal(7730280000) == "7730.28");
    CHECK(nb::formatDecimal(24252311082) == "24252.311082");
    CHECK(nb::formatDecimal(59237244900) == "59237.2449");
    CHECK(nb::formatDecimal(1) == "0.000001");
    CHECK(nb::formatDecimal(nb::kMaxMagnitude - 1) == "999999999999.999999");
    CHECK(nb::formatDecimal(0) == "0");
    CHECK(nb::formatDecimal(-5) == "-0.000005");
}
