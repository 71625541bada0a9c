#pragma once
/// Rounding and printing of money and counts, shared by the explain text and the renderers.

#include <string>

namespace llmtco {

/// Money for people: cents, or 4 significant figures under a cent ("$0.0006"), thousands
/// separated ("$1,800.00"). `symbol` is prefixed ("$" for USD, else the currency code and a space).
/// From a quadrillion up (format_unit_price and format_number too), three significant figures in
/// scientific notation ("$3.04e+34"): further digits would be a double's noise.
std::string format_money(double amount, const std::string& currency = "USD");

/// Money in a derivation: like format_money, but amounts under $100 keep four significant
/// figures so the arithmetic can be followed ("$0.576", "$20.74").
std::string format_money_exact(double amount, const std::string& currency = "USD");

/// A unit price (per Mtok, per hour, per kWh) with the digits its value has: the fewest decimals,
/// at least two, that give the value back ("$0.125", "$3.00", "€0.138"), thousands separated.
std::string format_unit_price(double amount, const std::string& currency = "USD");

/// The prefix used for a currency: "$" for USD, "€" for EUR, "£" for GBP, else "CODE ".
std::string currency_symbol(const std::string& currency);

/// A count or quantity with thousands separators and at most `max_decimals` decimals, trailing
/// zeros dropped: 1440 → "1,440", 0.5 → "0.5".
std::string format_number(double value, int max_decimals = 2);

/// "1 month", "36 months": a count of months, never converted to years.
std::string month_count(int months);

/// Months for people: "7 months", "14.5 months", or in years when above 24 months: "86.8 years".
std::string format_months(double months);

} // namespace llmtco
