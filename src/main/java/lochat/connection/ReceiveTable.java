package lochat.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One state's receive table for a class of actors, built once and shared by all of them: which
 * handler takes each message and signal.
 *
 * <p>It exists because there are thousands of sessions. A table built with
 * {@code Behaviors.receive(Command.class).onMessage(X.class, this::onX)...build()} captures
 * {@code this}, so every session would build and keep its own copy of the same cases. Here the
 * handlers take the actor as an argument ({@code .on(X.class, Session::onX)}), the table is a
 * static field of the actor's class, and each actor gets its behaviour from it with one small
 * object ({@link #behavior}).
 *
 * <p>Dispatch is that of Pekko's {@code BehaviorBuilder}: the first case, in the order they were
 * added, whose type the message is an instance of, and {@link Behaviors#unhandled} when there is
 * none; signals likewise. Which case that is gets worked out once per message class and
 * remembered, so a message usually costs one lookup by its exact class.
 *
 * <p>Limits: cases match by type only (no predicates, no equality cases); handlers can't throw
 * checked exceptions; and a case added after {@link Builder#onAnyMessage} is never reached, as
 * with Pekko's builder.
 *
 * @param <A> the actor class whose handlers the table calls
 * @param <T> the actor's message type
 */
public final class ReceiveTable<A, T> {

  private final Cases<A, T> messages;
  private final Cases<A, T> signals;

  private ReceiveTable(List<Case<A, T>> messages, List<Case<A, T>> signals) {
    this.messages = new Cases<>(messages);
    this.signals = new Cases<>(signals);
  }

  /** An empty builder; the classes only name the table's type, like {@code Behaviors.receive}. */
  public static <A, T> Builder<A, T> builder(Class<A> actorClass, Class<T> messageClass) {
    return new Builder<>(List.of(), List.of());
  }

  /** The behaviour of {@code actor} in this table's state. */
  public Behavior<T> behavior(A actor) {
    return new Bound<>(this, actor);
  }

  /** What {@code actor} does with {@code message}: the first matching case's answer. */
  public Behavior<T> receive(A actor, T message) {
    return messages.dispatch(actor, message);
  }

  public Behavior<T> receiveSignal(A actor, Signal signal) {
    return signals.dispatch(actor, signal);
  }

  /**
   * Cases in the order they were added. Immutable: every method returns a new builder, so one
   * builder of the cases several states share can start each of their tables.
   */
  public static final class Builder<A, T> {
    private final List<Case<A, T>> messages;
    private final List<Case<A, T>> signals;

    private Builder(List<Case<A, T>> messages, List<Case<A, T>> signals) {
      this.messages = messages;
      this.signals = signals;
    }

    public <M extends T> Builder<A, T> on(Class<M> type, BiFunction<A, M, Behavior<T>> handler) {
      return new Builder<>(with(messages, Case.of(type, handler)), signals);
    }

    /** A case for every message that no earlier case took. */
    public Builder<A, T> onAnyMessage(BiFunction<A, T, Behavior<T>> handler) {
      return new Builder<>(with(messages, Case.of(Object.class, handler)), signals);
    }

    public <S extends Signal> Builder<A, T> onSignal(
        Class<S> type, BiFunction<A, S, Behavior<T>> handler) {
      return new Builder<>(messages, with(signals, Case.of(type, handler)));
    }

    public ReceiveTable<A, T> build() {
      return new ReceiveTable<>(messages, signals);
    }

    private static <C> List<C> with(List<C> cases, C added) {
      List<C> longer = new ArrayList<>(cases);
      longer.add(added);
      return List.copyOf(longer);
    }
  }

  private record Case<A, T>(Class<?> type, BiFunction<A, Object, Behavior<T>> handler) {

    @SuppressWarnings("unchecked")
    static <A, T> Case<A, T> of(Class<?> type, BiFunction<A, ?, Behavior<T>> handler) {
      // Only ever applied to instances of type.
      return new Case<>(type, (BiFunction<A, Object, Behavior<T>>) handler);
    }
  }

  /** Cases in order, and for each message class seen so far its first matching case. */
  private static final class Cases<A, T> extends ClassValue<Case<A, T>> {
    private final Case<A, T> unhandled =
        new Case<>(Object.class, (actor, message) -> Behaviors.unhandled());
    private final List<Case<A, T>> cases;

    Cases(List<Case<A, T>> cases) {
      this.cases = cases;
    }

    Behavior<T> dispatch(A actor, Object message) {
      return get(message.getClass()).handler().apply(actor, message);
    }

    @Override
    protected Case<A, T> computeValue(Class<?> messageClass) {
      for (Case<A, T> candidate : cases) {
        if (candidate.type().isAssignableFrom(messageClass)) {
          return candidate;
        }
      }
      return unhandled;
    }
  }

  /** One actor's behaviour in one table's state. */
  private static final class Bound<A, T> extends ExtensibleBehavior<T> {
    private final ReceiveTable<A, T> table;
    private final A actor;

    Bound(ReceiveTable<A, T> table, A actor) {
      this.table = table;
      this.actor = actor;
    }

    @Override
    public Behavior<T> receive(TypedActorContext<T> context, T message) {
      return table.receive(actor, message);
    }

    @Override
    public Behavior<T> receiveSignal(TypedActorContext<T> context, Signal signal) {
      return table.receiveSignal(actor, signal);
    }
  }
}
