/**
 * Who is on the other end: {@code /api/token} signs a demo JWT, {@code /private} needs one,
 * {@code /admin} needs the role {@code ADMIN} in it.
 */
@NullMarked
package dev.wsboot.demo.secure;

import org.jspecify.annotations.NullMarked;
