package dev.wsboot.protocol.extension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.protocol.Frame;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * A toy extension for tests of the extension seam, {@code x-reverse}: a data frame with
 * RSV1 set carries its payload reversed. It owns RSV1 as permessage-deflate does, so what it
 * proves of the seam holds for that extension too: the bit reaches it, its transform runs in
 * both directions, and it is released when the connection ends.
 */
public final class ReversingExtension implements Extension {

	/** RSV1, the highest of the three reserved bits. */
	public static final int RSV1 = 0b100;

	/** How many instances were released; a factory's connections each release theirs once. */
	public int released;

	@Override
	public Frame decode(Frame frame) {
		if ((frame.rsv() & RSV1) == 0) {
			return frame;
		}
		if (frame.opcode() == Opcode.CONTINUATION) {
			throw ProtocolException.protocolError("RSV1 on a continuation frame");
		}
		return new Frame(frame.fin(), frame.rsv() & ~RSV1, frame.opcode(), reversed(frame.payload(), 0,
				frame.payload().length));
	}

	@Override
	public OutboundMessage encode(OutboundMessage message) {
		return new OutboundMessage(message.opcode(), message.rsv() | RSV1,
				reversed(message.payload(), message.offset(), message.length()), 0, message.length());
	}

	@Override
	public void release() {
		this.released++;
	}

	static byte[] reversed(byte[] bytes, int offset, int length) {
		byte[] result = new byte[length];
		for (int i = 0; i < length; i++) {
			result[i] = bytes[offset + length - 1 - i];
		}
		return result;
	}

	/** Agrees to the first offer of {@code x-reverse} that has no parameter other than {@code fast}. */
	public static final class Factory implements ExtensionFactory {

		/** The extensions this factory made, in order. */
		public final List<ReversingExtension> made = new CopyOnWriteArrayList<>();

		@Override
		public String name() {
			return "x-reverse";
		}

		@Override
		public int reservedBits() {
			return RSV1;
		}

		@Override
		public @Nullable ExtensionAgreement accept(List<ExtensionOffer> offers) {
			for (ExtensionOffer offer : offers) {
				if (offer.parameters().stream().allMatch((parameter) -> parameter.name().equals("fast"))) {
					return new ExtensionAgreement(ExtensionOffer.of("x-reverse", "accepted"), RSV1, () -> {
						ReversingExtension extension = new ReversingExtension();
						this.made.add(extension);
						return extension;
					});
				}
			}
			return null;
		}

	}

}
