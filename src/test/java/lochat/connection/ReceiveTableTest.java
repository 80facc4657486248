package lochat.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Which handler a table picks for a message, without actors: Pekko's first-match rule. */
class ReceiveTableTest {

  interface Msg {}

  interface Tagged extends Msg {}

  record Plain() implements Msg {}

  record TaggedOne() implements Tagged {}

  record TaggedTwo() implements Tagged {}

  static class Base implements Msg {}

  static class Sub extends Base {}

  /** An actor that notes which case took each message. */
  static final class Recorder {
    final List<String> handled = new ArrayList<>();
  }

  private static <M> BiFunction<Recorder, M, Behavior<Msg>> note(String name) {
    return (recorder, message) -> {
      recorder.handled.add(name);
      return Behaviors.same();
    };
  }

  private static ReceiveTable.Builder<Recorder, Msg> builder() {
    return ReceiveTable.builder(Recorder.class, Msg.class);
  }

  private static List<String> dispatch(ReceiveTable<Recorder, Msg> table, Msg... messages) {
    Recorder recorder = new Recorder();
    for (Msg message : messages) {
      table.receive(recorder, message);
    }
    return recorder.handled;
  }

  @Test
  void theFirstMatchingCaseTakesAMessageEvenWhenALaterOneNamesItsExactClass() {
    ReceiveTable<Recorder, Msg> table = builder()
        .on(Tagged.class, note("tagged"))
        .on(TaggedOne.class, note("one"))
        .build();

    assertEquals(List.of("tagged", "tagged", "tagged"),
        dispatch(table, new TaggedOne(), new TaggedOne(), new TaggedTwo()));
  }

  @Test
  void anExactCaseBeforeAnInterfaceCaseTakesItsClassAndLeavesTheRest() {
    ReceiveTable<Recorder, Msg> table = builder()
        .on(TaggedOne.class, note("one"))
        .on(Tagged.class, note("tagged"))
        .build();

    assertEquals(List.of("one", "tagged", "one", "tagged"),
        dispatch(table, new TaggedOne(), new TaggedTwo(), new TaggedOne(), new TaggedTwo()));
  }

  @Test
  void subclassesMatchTheirSuperclassCaseWhateverWasDispatchedBefore() {
    ReceiveTable<Recorder, Msg> baseOnly = builder().on(Base.class, note("base")).build();
    ReceiveTable<Recorder, Msg> subFirst = builder()
        .on(Sub.class, note("sub"))
        .on(Base.class, note("base"))
        .build();

    assertEquals(List.of("base", "base", "base"),
        dispatch(baseOnly, new Sub(), new Base(), new Sub()));
    assertEquals(List.of("base", "sub", "base", "sub"),
        dispatch(subFirst, new Base(), new Sub(), new Base(), new Sub()));
  }

  @Test
  void tablesFromOneBuilderKeepTheirOwnCasesAndOrder() {
    ReceiveTable.Builder<Recorder, Msg> common = builder().on(Plain.class, note("common"));
    ReceiveTable<Recorder, Msg> tagged = common.on(Tagged.class, note("tagged")).build();
    ReceiveTable<Recorder, Msg> one = common.on(TaggedOne.class, note("one")).build();
    ReceiveTable<Recorder, Msg> alone = common.build();

    assertEquals(List.of("common", "tagged"), dispatch(tagged, new Plain(), new TaggedOne()));
    assertEquals(List.of("common", "one"), dispatch(one, new Plain(), new TaggedOne()));
    assertEquals(List.of("common"), dispatch(alone, new Plain(), new TaggedOne()));
  }

  @Test
  void aMessageNoCaseTakesIsUnhandled() {
    ReceiveTable<Recorder, Msg> table = builder().on(Plain.class, note("plain")).build();
    Recorder recorder = new Recorder();

    assertTrue(Behavior.isUnhandled(table.receive(recorder, new TaggedOne())));
    assertTrue(Behavior.isUnhandled(table.receive(recorder, new TaggedOne())));
    assertEquals(List.of(), recorder.handled);
  }

  @Test
  void theFallbackTakesWhatEarlierCasesLeftAndShadowsLaterOnes() {
    ReceiveTable<Recorder, Msg> table = builder()
        .on(Plain.class, note("plain"))
        .onAnyMessage(note("any"))
        .on(TaggedOne.class, note("never"))
        .build();

    assertEquals(List.of("plain", "any", "any", "any"),
        dispatch(table, new Plain(), new TaggedOne(), new Sub(), new TaggedOne()));
  }

  @Test
  void signalsHaveTheirOwnCasesAndAreUnhandledWithoutOne() {
    ReceiveTable<Recorder, Msg> table = builder()
        .onAnyMessage(note("any"))
        .onSignal(PostStop.class, note("stopped"))
        .build();
    Recorder recorder = new Recorder();

    assertFalse(Behavior.isUnhandled(table.receiveSignal(recorder, PostStop.instance())));
    assertTrue(Behavior.isUnhandled(table.receiveSignal(recorder, PreRestart.instance())));
    assertEquals(List.of("stopped"), recorder.handled);
  }

  @Test
  void aHandlersAnswerIsTheNextBehaviour() {
    Behavior<Msg> next = Behaviors.empty();
    ReceiveTable<Recorder, Msg> table =
        builder().on(Plain.class, (recorder, plain) -> next).build();

    assertSame(next, table.receive(new Recorder(), new Plain()));
  }

  @Test
  void actorsSharingATableEachGetTheirOwnMessages() {
    ReceiveTable<Recorder, Msg> table = builder()
        .on(Plain.class, note("plain"))
        .onSignal(PostStop.class, note("stopped"))
        .build();
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    BehaviorTestKit<Msg> firstActor = BehaviorTestKit.create(table.behavior(first));
    BehaviorTestKit<Msg> secondActor = BehaviorTestKit.create(table.behavior(second));

    firstActor.run(new Plain());
    firstActor.run(new Plain());
    secondActor.signal(PostStop.instance());

    assertEquals(List.of("plain", "plain"), first.handled);
    assertEquals(List.of("stopped"), second.handled);
  }
}
