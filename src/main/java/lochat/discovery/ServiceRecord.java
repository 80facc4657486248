package lochat.discovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.jmdns.ServiceInfo;

/**
 * One DNS-SD service as announced: its type ({@code _lochat._tcp.local.}), instance name, SRV
 * port and TXT records, in the order written.
 */
public record ServiceRecord(String type, String name, int port, Map<String, String> text) {

  public ServiceRecord {
    text = Collections.unmodifiableMap(new LinkedHashMap<>(text));
  }

  /** A fresh jmdns service for this record (jmdns registers a service object only once). */
  ServiceInfo toServiceInfo() {
    return ServiceInfo.create(type, name, port, 0, 0, text);
  }
}
