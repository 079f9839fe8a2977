/**
 * SageMaker's {@code application/x-recordio-protobuf}: RecordIO framing (uint32 LE magic {@code 0xCED7230A},
 * uint32 LE length with a 3-bit continuation flag, payload, zero padding to 4 bytes) around
 * {@code aialgs.data.Record} protobuf messages whose {@code features}/{@code label} maps hold Float32, Float64 or
 * Int32 tensors, dense or sparse ({@code keys} + {@code shape}). Byte-compatible with the SageMaker Python SDK.
 */
package dev.sagemill.io.recordio;
