package lochat.cluster;

/**
 * A message that may cross from one node of the cluster to another. Every such message
 * implements this interface, which the cluster's configuration ({@link ClusterConfig}) binds to
 * Pekko's Jackson CBOR serializer: a record's components are its wire form, by name, so that a
 * component added later is ignored by older nodes, and missing ones read as null (so a list or
 * map added later needs a constructor that takes null, as {@code List.copyOf} does not). Java
 * serialization is off, so a message that crosses nodes without this marker fails loudly rather
 * than travelling in a form nobody versioned.
 *
 * <p>A component whose declared type has several records (a {@code ChatEvent}, a {@code
 * RoomRequest}) carries the record's name: its interface lists every record in its {@code
 * JsonSubTypes} under a name of its own, which stays when the class is renamed; never a class
 * name ({@code Id.CLASS}) nor default typing, which would let a peer name any class to build. A
 * component that is this node's alone (a cache, a handle on a local connection) is
 * {@code @JsonIgnore}d and reads as null on the other node, where the record makes of it what it
 * must (an empty cache).
 *
 * <p>Sizes, for the cost of a post across nodes: a post of 60 characters without tags
 * ({@code ChatEvent.Posted}) is about 210 bytes, 50 of them component names; a {@code
 * ChatRoom.Join} about 230, most of it its two actor references (about 80 bytes each), besides
 * the envelope and manifest that Pekko's remoting adds.
 *
 * <p>Limits: only records of plain data, collections of them, and actor references cross; a
 * test round-trips every class that implements this ({@code ClusterMessagesTest}).
 */
public interface ClusterMessage {}
