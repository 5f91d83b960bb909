package io.expansion.playbook.support;

import io.camunda.client.api.worker.JobClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A {@link JobClient} whose commands never reach the engine: every {@code send()} fails as if the
 * worker crashed (or the connection dropped) at that moment. Handing it to the first delivery of a
 * job makes that delivery do its side effects but lose its completion.
 */
final class LostCommands {

  /** What a lost command's future fails with. */
  static final class LostCommand extends RuntimeException {
    LostCommand(String command) {
      super("Simulated crash: " + command + " never reached the engine");
    }
  }

  private LostCommands() {}

  static JobClient client() {
    return proxy(JobClient.class, "JobClient");
  }

  private static <T> T proxy(Class<T> type, String path) {
    InvocationHandler handler =
        (self, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return objectMethod(self, method, args, path);
          }
          if (method.getName().equals("send")) {
            return future(method.getReturnType(), path);
          }
          Class<?> returned = method.getReturnType();
          if (returned.isInterface()) {
            return proxy(returned, path + "." + method.getName());
          }
          throw new UnsupportedOperationException(path + "." + method.getName());
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object future(Class<?> futureType, String path) {
    CompletableFuture<Object> failed = CompletableFuture.failedFuture(new LostCommand(path));
    InvocationHandler handler =
        (self, method, args) -> {
          if (method.getName().equals("join")) {
            throw new CompletionException(new LostCommand(path));
          }
          try {
            Method target =
                CompletableFuture.class.getMethod(method.getName(), method.getParameterTypes());
            return target.invoke(failed, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return Proxy.newProxyInstance(
        futureType.getClassLoader(), new Class<?>[] {futureType}, handler);
  }

  private static Object objectMethod(Object self, Method method, Object[] args, String path) {
    return switch (method.getName()) {
      case "equals" -> self == args[0];
      case "hashCode" -> System.identityHashCode(self);
      default -> "Lost(" + path + ")";
    };
  }
}
