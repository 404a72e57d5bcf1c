package org.nedsj.prep.align;

/** @param goodOnly only units a quality label marks good @param minRate rate a unit must exceed, Hz */
public record UnitRules(boolean goodOnly, double minRate) {
}
