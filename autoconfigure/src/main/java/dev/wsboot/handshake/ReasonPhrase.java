package dev.wsboot.handshake;

/**
 * The standard reason phrases of RFC 9110 §15 (and RFC 6585 for 429 and 431) for the statuses
 * a handshake is likely to answer with.
 */
final class ReasonPhrase {

	private ReasonPhrase() {
	}

	/**
	 * Returns the phrase for {@code status}, or an empty one for statuses not listed: RFC 9112
	 * §4 lets the phrase be empty, and clients ignore it anyway.
	 */
	static String of(int status) {
		return switch (status) {
			case 101 -> "Switching Protocols";
			case 200 -> "OK";
			case 204 -> "No Content";
			case 301 -> "Moved Permanently";
			case 302 -> "Found";
			case 303 -> "See Other";
			case 307 -> "Temporary Redirect";
			case 308 -> "Permanent Redirect";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 409 -> "Conflict";
			case 410 -> "Gone";
			case 413 -> "Content Too Large";
			case 414 -> "URI Too Long";
			case 426 -> "Upgrade Required";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "";
		};
	}

}
