package dev.wsboot.server.nio;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.server.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * What threads other than a connection's I/O thread ask it to send, kept in the order they
 * asked until the I/O thread hands it to the {@link ProtocolEngine}: the engine, and the
 * socket, are the I/O thread's alone.
 *
 * <p>Each message is admitted when it is asked for, within the outbound limit, so that the
 * caller learns at once whether it was {@link SendResult#QUEUED}: the bytes counted are
 * those waiting here plus those the engine has queued and the socket has not taken yet,
 * which the I/O thread publishes after each change. One message alone may exceed the limit:
 * it must be possible to send it at all.
 */
final class Outbox {

	private final int limit;

	private @Nullable ArrayDeque<Request> requests;

	/** Bytes of the requests waiting here. */
	private long waitingBytes;

	/**
	 * Bytes the engine has queued and the socket not yet taken, as last published by the I/O
	 * thread, its only writer.
	 */
	private volatile long engineBytes;

	/** A close was asked for or the limit was passed: no more data is admitted. */
	private boolean refusing;

	/** The connection is closed or gave up on its peer: nothing at all is admitted. */
	private boolean shut;

	Outbox(int limit) {
		this.limit = limit;
	}

	/** A request to the engine, applied on the I/O thread. */
	sealed interface Request {

		/** Hands the request to the engine; false when the engine refused it, a close being sent. */
		boolean applyTo(ProtocolEngine engine);

		/** The opcode of the data message this request sends, or {@code null} for a control frame. */
		default @Nullable Opcode messageOpcode() {
			return null;
		}

	}

	record Message(Opcode opcode, byte[] payload, int offset, int length) implements Request {

		@Override
		public Opcode messageOpcode() {
			return this.opcode;
		}

		@Override
		public boolean applyTo(ProtocolEngine engine) {
			return (this.opcode == Opcode.TEXT) ? engine.sendText(this.payload, this.offset, this.length)
					: engine.sendBinary(this.payload, this.offset, this.length);
		}

	}

	record Shared(Opcode opcode, byte[] payload, ByteBuffer frame) implements Request {

		@Override
		public Opcode messageOpcode() {
			return this.opcode;
		}

		@Override
		public boolean applyTo(ProtocolEngine engine) {
			return engine.sendShared(this.opcode, this.payload, this.frame);
		}

	}

	record Ping(byte[] payload) implements Request {

		@Override
		public boolean applyTo(ProtocolEngine engine) {
			return engine.sendPing(this.payload);
		}

	}

	/** Sends the close frame the engine held behind handler calls, after what they sent. */
	record ReleaseHeldClose() implements Request {

		@Override
		public boolean applyTo(ProtocolEngine engine) {
			engine.releaseHeldClose();
			return true;
		}

	}

	record Close(CloseStatus status) implements Request {

		@Override
		public boolean applyTo(ProtocolEngine engine) {
			return engine.close(this.status);
		}

	}

	/**
	 * Admits a message of {@code size} bytes, or refuses it: {@code CLOSED} after a close was
	 * asked for, {@code OVERFLOW} when it would pass the limit, after which everything
	 * waiting is dropped and nothing more is admitted.
	 */
	synchronized SendResult offer(Request request, long size) {
		if (this.refusing) {
			return SendResult.CLOSED;
		}
		if (wouldOverflow(this.engineBytes + this.waitingBytes, size)) {
			this.refusing = true;
			this.requests = null;
			this.waitingBytes = 0;
			return SendResult.OVERFLOW;
		}
		add(request);
		this.waitingBytes += size;
		return SendResult.QUEUED;
	}

	/**
	 * Asks for a close, after everything asked for before it.
	 * @return false when a close was asked for already or the limit was passed
	 */
	synchronized boolean offerClose(CloseStatus status) {
		if (this.refusing) {
			return false;
		}
		this.refusing = true;
		add(new Close(status));
		return true;
	}

	/** Asks for the held close frame to go out after everything asked for before; refused only once shut. */
	synchronized void offerRelease() {
		if (!this.shut) {
			add(new ReleaseHeldClose());
		}
	}

	/** Whether queueing {@code size} more bytes on top of {@code queued} passes the limit. */
	boolean wouldOverflow(long queued, long size) {
		return wouldOverflow(queued, size, this.limit);
	}

	/**
	 * Whether queueing {@code size} more bytes on top of {@code queued} passes
	 * {@code limit}: never for a message alone, which must be possible to send at all.
	 */
	static boolean wouldOverflow(long queued, long size, int limit) {
		return queued > 0 && queued + size > limit;
	}

	/** Takes every waiting request, oldest first, counting its bytes as the engine's from now on; I/O thread. */
	synchronized @Nullable ArrayDeque<Request> takeAll() {
		ArrayDeque<Request> taken = this.requests;
		this.requests = null;
		this.engineBytes += this.waitingBytes;
		this.waitingBytes = 0;
		return taken;
	}

	/** Whether the I/O thread may hand a message straight to the engine: nothing waits here, nothing is refused. */
	synchronized boolean isIdle() {
		return this.requests == null && !this.refusing;
	}

	/** Publishes the bytes the engine has queued and the socket not taken; I/O thread. */
	void publishEngineBytes(long bytes) {
		this.engineBytes = bytes;
	}

	/** Bytes waiting, here and in the engine: the session's {@code bufferedAmount()}. */
	synchronized long bufferedAmount() {
		return this.engineBytes + this.waitingBytes;
	}

	/** Whether a close was asked for or the limit passed. */
	synchronized boolean isRefusing() {
		return this.refusing;
	}

	/** Admits nothing more and drops what waits: the connection is closed, or gave up on its peer. */
	synchronized void shut() {
		this.shut = true;
		this.refusing = true;
		this.requests = null;
		this.waitingBytes = 0;
		this.engineBytes = 0;
	}

	private void add(Request request) {
		if (this.requests == null) {
			this.requests = new ArrayDeque<>(4);
		}
		this.requests.add(request);
	}

}
