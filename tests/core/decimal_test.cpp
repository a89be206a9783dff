// decimal_test.cpp — exact parsing and printing of cell values.
#include "test_util.hpp"

using nb::DecimalError;
using nb::Fixed;

TEST_CASE("decimals parse exactly, with limits", "[decimal]") {
    Fixed v = 0;
    CHECK(nb::parseDecimal("12", v) == DecimalError::None); CHECK(v == 120000);
    CHECK(nb::parseDecimal("-3", v) == DecimalError::None); CHECK(v == -30000);
    CHECK(nb::parseDecimal("7730.28", v) == DecimalError::None); CHECK(v == 77302800);
    CHECK(nb::parseDecimal("59237.2449", v) == DecimalError::None); CHECK(v == 592372449);
    CHECK(nb::parseDecimal("1.5e3", v) == DecimalError::None); CHECK(v == 15000000);
    CHECK(nb::parseDecimal("12.0", v) == DecimalError::None); CHECK(v == 120000);
    CHECK(nb::parseDecimal("-0", v) == DecimalError::None); CHECK(v == 0);
    CHECK(nb::parseDecimal("0.00001", v) == DecimalError::TooManyDecimals);
    CHECK(nb::parseDecimal("1e300", v) == DecimalError::OutOfRange);
    CHECK(nb::parseDecimal("1e400", v) == DecimalError::OutOfRange);
    CHECK(nb::parseDecimal("1e-400", v) == DecimalError::TooManyDecimals);
    CHECK(nb::parseDecimal("1000000000000", v) == DecimalError::OutOfRange);
    CHECK(nb::parseDecimal("999999999999", v) == DecimalError::None);
    CHECK(nb::parseDecimal("abc", v) == DecimalError::Syntax);
    CHECK(nb::parseDecimal("", v) == DecimalError::Syntax);
    CHECK(nb::parseDecimal("1,234", v) == DecimalError::Syntax);
    CHECK(nb::parseDecimal(" 1,234 ", v, true) == DecimalError::None); CHECK(v == 12340000);
    CHECK(nb::parseDecimal("1，234", v, true) == DecimalError::None); CHECK(v == 12340000);
}

TEST_CASE("decimals print in their shortest exact form", "[decimal]") {
    CHECK(nb::formatDecimal(120000) == "12");
    CHECK(nb::formatDecimal(-30000) == "-3");
    CHECK(nb::formatDecimal(77302800) == "7730.28");
    CHECK(nb::formatDecimal(592372449) == "59237.2449");
    CHECK(nb::formatDecimal(1) == "0.0001");
    CHECK(nb::formatDecimal(0) == "0");
    CHECK(nb::formatDecimal(-5) == "-0.0005");
}
