package io.mycel.node.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits a connection's bytes into frames by their 4-byte length prefix, and counts what is
 * rejected: a prefix longer than the limit fails at once (the stream cannot be resynchronised, so
 * the connection closes), and a frame cut off by the connection closing is counted as truncated.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    private final NodeMetrics metrics;

    FrameDecoder(int maxFrameBytes, NodeMetrics metrics) {
        super(maxFrameBytes + 4, 0, 4, 0, 4, true);
        this.metrics = metrics;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ByteBuf left = internalBuffer();
        if (left.isReadable()) {
            metrics.rejected("truncated");
        }
        super.channelInactive(ctx);
    }
}
