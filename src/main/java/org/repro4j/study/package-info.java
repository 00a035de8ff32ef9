/**
 * The seed study ({@code repro study}): each experiment trained over many seeds, and every number its report prints
 * judged against the spread of those faithful runs. Above {@code train} (it runs experiments) and beside
 * {@code search}; only {@code cli} uses it.
 */
package org.repro4j.study;
