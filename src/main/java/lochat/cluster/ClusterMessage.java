package lochat.cluster;

/**
 * A message that may cross from one node of the cluster to another. Every such message
 * implements this interface, which the cluster's configuration ({@link ClusterConfig}) binds to
 * Pekko's Jackson CBOR serializer: a record's components are its wire form, by name, so that a
 * component added later is ignored by older nodes and missing ones read as null. Java
 * serialization is off, so a message that crosses nodes without this marker fails loudly rather
 * than travelling in a form nobody versioned.
 *
 * <p>Limits: only records of plain data, collections of them, and actor references cross; a
 * test round-trips every class that implements this ({@code ClusterMessagesTest}).
 */
public interface ClusterMessage {}
