package dev.wsboot.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds a parameter of an endpoint method to a parameter of the upgrade request's query,
 * {@code name} of {@code /chat?name=ada}, converted to the parameter's type through the
 * application's conversion service. A {@code List} parameter takes every value of a repeated
 * parameter; an {@code Optional} one is empty when the parameter is absent.
 *
 * <p>Bound when the upgrade request arrives: a required parameter that is missing, or a value
 * that does not convert, is answered with 400, before any session exists.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueryParam {

	/** Marks {@link #defaultValue()} as not set; no query value can hold it. */
	String NO_DEFAULT = "\n\t\n";

	/** Alias for {@link #name()}. */
	@AliasFor("name")
	String value() default "";

	/** The query parameter's name; the method parameter's name when empty. */
	@AliasFor("value")
	String name() default "";

	/**
	 * Whether the upgrade is refused with 400 when the parameter is absent. Ignored for an
	 * {@code Optional} parameter, and when a {@link #defaultValue()} is given.
	 */
	boolean required() default true;

	/** The value used when the parameter is absent, or present with an empty value. */
	String defaultValue() default NO_DEFAULT;

}
