/** The JUnit Jupiter extension. Built by the junit-extension issue. */
package dev.w9y.junit;
