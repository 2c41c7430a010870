export { createRedisTokenStore, type RedisConnection, type RedisTokenStore, type RedisTokenStoreOptions } from "./redis-token-store.js";
