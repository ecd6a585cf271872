package dev.agentmeter.otlp;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;

/**
 * The body of every OTLP/HTTP failure: a {@code google.rpc.Status} ({@code code}, {@code message},
 * {@code details}). Its generated class lives in {@code proto-google-common-protos}, a dependency for one
 * three-field message; instead its descriptor is declared here, field for field as in
 * {@code google/rpc/status.proto}, and the message is a protobuf {@link DynamicMessage}, which encodes to the
 * same bytes and the same JSON. {@code details} is declared but left empty.
 *
 * <p>Thread-safe (immutable).
 */
final class RpcStatus {

    /** {@code google.rpc.Code} values: the specification lets clients ignore them, they help a person. */
    static final int INVALID_ARGUMENT = 3;
    static final int UNAUTHENTICATED = 16;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int UNIMPLEMENTED = 12;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;

    private static final Descriptor STATUS = statusDescriptor();

    private RpcStatus() {
    }

    static Message of(int code, String message) {
        return DynamicMessage.newBuilder(STATUS)
                .setField(STATUS.findFieldByName("code"), code)
                .setField(STATUS.findFieldByName("message"), message)
                .build();
    }

    private static Descriptor statusDescriptor() {
        var status = DescriptorProto.newBuilder().setName("Status")
                .addField(field("code", 1, FieldDescriptorProto.Type.TYPE_INT32, null))
                .addField(field("message", 2, FieldDescriptorProto.Type.TYPE_STRING, null))
                .addField(field("details", 3, FieldDescriptorProto.Type.TYPE_MESSAGE, ".google.protobuf.Any")
                        .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED));
        var file = FileDescriptorProto.newBuilder().setName("google/rpc/status.proto").setPackage("google.rpc")
                .setSyntax("proto3").addDependency("google/protobuf/any.proto").addMessageType(status).build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[] {AnyProto.getDescriptor()})
                    .findMessageTypeByName("Status");
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the google.rpc.Status descriptor is wrong", e);
        }
    }

    private static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type,
                                                      String typeName) {
        var field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(name);
        return typeName == null ? field : field.setTypeName(typeName);
    }
}
