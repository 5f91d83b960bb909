package io.expansion.playbook.offers;

import java.util.List;
import java.util.Map;

/**
 * What an experiment arm changes in the offer choice: the offer ({@code variant.offerCode}) when
 * the account is eligible for it, the channel ({@code variant.touchChannel}) when the contact
 * policy allows it; otherwise the ranking's best offer and the value-based channel.
 *
 * @param channel the arm's channel, or null when the ranking's rule chooses
 * @param rationale what the arm changed, in words (empty without an arm)
 */
record ExperimentChoice(RankedOffer offer, String channel, String rationale) {

  static ExperimentChoice of(
      Map<String, Object> variant, List<RankedOffer> ranked, List<String> allowed) {
    RankedOffer best = ranked.getFirst();
    if (variant == null || variant.isEmpty()) {
      return new ExperimentChoice(best, null, "");
    }
    StringBuilder rationale = new StringBuilder();
    Object offerCode = variant.get("offerCode");
    if (offerCode != null) {
      var armOffer = ranked.stream().filter(r -> r.code().equals(offerCode)).findFirst();
      if (armOffer.isPresent()) {
        best = armOffer.get();
        rationale.append("; offer ").append(offerCode).append(" chosen by the experiment arm");
      } else {
        rationale
            .append("; the experiment arm's offer ")
            .append(offerCode)
            .append(" is not eligible, the best offer is made");
      }
    }
    String channel = null;
    Object armChannel = variant.get("touchChannel");
    if (armChannel != null) {
      if (allowed.contains(armChannel.toString())) {
        channel = armChannel.toString();
        rationale.append("; channel ").append(channel).append(" chosen by the experiment arm");
      } else {
        rationale
            .append("; the experiment arm's channel ")
            .append(armChannel)
            .append(" is not allowed by the contact policy");
      }
    }
    return new ExperimentChoice(best, channel, rationale.toString());
  }
}
