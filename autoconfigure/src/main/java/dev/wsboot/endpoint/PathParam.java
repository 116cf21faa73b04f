package dev.wsboot.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds a parameter of an endpoint method to a variable of the endpoint's path template,
 * {@code room} of {@code @WsEndpoint("/rooms/{room}")}, converted to the parameter's type
 * through the application's conversion service (numbers, {@code UUID}, enums, ...).
 *
 * <p>Bound when the upgrade request arrives: a value that does not convert is answered with
 * 400, before any session exists; a method only reads what was bound then.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PathParam {

	/** Alias for {@link #name()}. */
	@AliasFor("name")
	String value() default "";

	/** The variable's name; the parameter's name when empty. */
	@AliasFor("value")
	String name() default "";

}
